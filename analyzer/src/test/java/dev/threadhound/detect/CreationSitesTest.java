package dev.threadhound.detect;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a creation site reads in a summary: the library's frame and the callers that lead to it from outside. */
class CreationSitesTest {

    @Test
    void aLibraryCalledByTheApplicationNamesTheApplicationsCall() {
        assertThat(CreationSites.describe(List.of(
                "java.base/java.lang.Thread.start(Thread.java:809)",
                "io.netty.util.HashedWheelTimer.start(HashedWheelTimer.java:357)",
                "io.netty.util.HashedWheelTimer.newTimeout(HashedWheelTimer.java:447)",
                "com.acme.billing.Billing.remind(Billing.java:20)",
                "com.acme.Main.main(Main.java:9)")))
                .isEqualTo("HashedWheelTimer.start(HashedWheelTimer.java:357) via Billing.remind(Billing.java:20)");
    }

    @Test
    void aLibraryCalledThroughAnotherNamesBothCallersOnce() {
        // Lettuce 7.7 starts Netty's timer for a client made per call: the application's frame is the third
        assertThat(CreationSites.describe(List.of(
                "io.netty.util.HashedWheelTimer.start(HashedWheelTimer.java:357)",
                "io.lettuce.core.resource.DefaultClientResources.<init>(DefaultClientResources.java:270)",
                "io.netty.util.concurrent.DefaultPromise.addListener(DefaultPromise.java:185)",
                "io.lettuce.core.RedisClient.create(RedisClient.java:150)",
                "com.acme.orders.Orders.connect(Orders.java:31)",
                "org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)")))
                .isEqualTo("HashedWheelTimer.start(HashedWheelTimer.java:357)"
                        + " via DefaultClientResources.<init>(DefaultClientResources.java:270)"
                        + " via Orders.connect(Orders.java:31)");
    }

    @Test
    void aPackageOfOneSegmentIsOneLibraryAndSoIsTheUnnamedOne() {
        assertThat(CreationSites.describe(List.of(
                "orders.Outbox$Sender.start(Outbox.java:12)",
                "orders.Outbox.open(Outbox.java:30)",
                "Main.main(Main.java:9)")))
                .isEqualTo("Outbox$Sender.start(Outbox.java:12) via Main.main(Main.java:9)");
        assertThat(CreationSites.describe(List.of(
                "Outbox.start(Outbox.java:12)",
                "Main.main(Main.java:9)")))
                .isEqualTo("Outbox.start(Outbox.java:12)");
    }

    @Test
    void aPackageNotNamedAfterADomainIsOneLibraryWhateverItsDepth() {
        // JeroMQ 0.6 starts a context's reaper for a socket made per call: zmq.poll, zmq and org.zeromq are one jar
        assertThat(CreationSites.describe(List.of(
                "zmq.poll.Poller.start(Poller.java:183)",
                "zmq.Reaper.start(Reaper.java:56)",
                "zmq.Ctx.initSlots(Ctx.java:568)",
                "zmq.Ctx.createSocket(Ctx.java:510)",
                "org.zeromq.ZMQ$Socket.<init>(ZMQ.java:933)",
                "org.zeromq.ZContext.createSocket(ZContext.java:158)",
                "com.acme.quotes.Quotes.ask(Quotes.java:52)")))
                .isEqualTo("Poller.start(Poller.java:183) via ZMQ$Socket.<init>(ZMQ.java:933)"
                        + " via Quotes.ask(Quotes.java:52)");
    }

    @Test
    void twoLettersThatAreNoCountrysAreALibrarysRoot() {
        // RxJava 1 (under Hystrix): rx.internal and rx are one library; io.netty is Netty's, uk.co.acme an application's
        assertThat(CreationSites.describe(List.of(
                "rx.internal.schedulers.NewThreadWorker.scheduleActual(NewThreadWorker.java:259)",
                "rx.Scheduler$Worker.schedulePeriodically(Scheduler.java:163)",
                "com.netflix.hystrix.metric.consumer.BucketedCounterStream.startCachingStreamValuesIfUnstarted(BucketedCounterStream.java:88)",
                "uk.co.acme.Inventory.call(Inventory.java:35)")))
                .isEqualTo("NewThreadWorker.scheduleActual(NewThreadWorker.java:259)"
                        + " via BucketedCounterStream.startCachingStreamValuesIfUnstarted(BucketedCounterStream.java:88)"
                        + " via Inventory.call(Inventory.java:35)");
    }

    @Test
    void aWaitInALibraryNamesWhereTheApplicationCalledIt() {
        List<String> stack = List.of(
                "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "io.reactivex.rxjava3.internal.observers.BlockingMultiObserver.blockingGet(BlockingMultiObserver.java:86)",
                "io.reactivex.rxjava3.core.Single.blockingGet(Single.java:3645)",
                "com.acme.quotes.Quotes.fetch(Quotes.java:31)",
                "com.acme.quotes.Quotes$$Lambda$14/0x0000000800c0b000.run(Unknown Source)",
                "com.acme.Main.main(Main.java:9)");
        assertThat(CreationSites.callerOutside(stack, 1)).isEqualTo(" via Quotes.fetch(Quotes.java:31)");
        assertThat(CreationSites.callerOutside(stack, 3)).as("the application's own frame").isEmpty();
    }

    @Test
    void aTestsCodeIsCalledByNobodyWorthNamingNotByTheTestFramework() {
        List<String> stack = List.of(
                "app//com.acme.Accounts.transfer(Accounts.java:16)",
                "app//com.acme.AccountsTest.aTransfer(AccountsTest.java:12)",
                "java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)",
                "app//org.junit.platform.commons.util.ReflectionUtils.invokeMethod(ReflectionUtils.java:786)",
                "app//org.junit.jupiter.engine.execution.MethodInvocation.proceed(MethodInvocation.java:60)");
        assertThat(CreationSites.callerOutside(stack, 0)).isEmpty();
        assertThat(CreationSites.siteAndCaller(stack)).doesNotContain(" via ");
    }

    @Test
    void theApplicationsOwnThreadHasNoCaller() {
        assertThat(CreationSites.describe(List.of(
                "com.acme.orders.Outbox.start(Outbox.java:12)",
                "com.acme.Main.main(Main.java:9)")))
                .isEqualTo("Outbox.start(Outbox.java:12)");
        assertThat(CreationSites.describe(List.of())).isEqualTo("an unknown site");
    }

    /** Netty's event loop, started by Vert.x when a blocking call's result came back on Vert.x's worker. */
    private static final List<String> EVENT_LOOP_STARTED_ON_A_WORKER = List.of(
            "java.base/java.lang.Thread.start(Thread.java:1526)",
            "io.netty.util.concurrent.ThreadPerTaskExecutor.execute(ThreadPerTaskExecutor.java:32)",
            "io.netty.util.concurrent.SingleThreadEventExecutor.doStartThread(SingleThreadEventExecutor.java:1179)",
            "io.vertx.core.impl.EventLoopExecutor.execute(EventLoopExecutor.java:40)",
            "io.vertx.core.impl.ExecuteBlocking$1.execute(ExecuteBlocking.java:43)",
            "java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)",
            "io.netty.util.concurrent.FastThreadLocalRunnable.run(FastThreadLocalRunnable.java:30)",
            "java.base/java.lang.Thread.run(Thread.java:840)");

    @Test
    void aLibraryStartedThroughAnotherOnTheOthersThreadIsForWhoeverThatThreadWasStartedFor() {
        List<String> workerStartedForAPerCallVertx = List.of(
                "java.base/java.util.concurrent.ThreadPoolExecutor.addWorker(ThreadPoolExecutor.java:945)",
                "io.vertx.core.impl.VertxImpl.executeBlocking(VertxImpl.java:560)",
                "com.acme.VertxPerCall.handle(VertxPerCall.java:6)",
                "com.acme.Main.main(Main.java:9)");
        assertThat(CreationSites.startedForAnOutsideCaller(EVENT_LOOP_STARTED_ON_A_WORKER,
                workerStartedForAPerCallVertx)).isTrue();

        List<String> workerOfVertxAlone = List.of(
                "java.base/java.util.concurrent.ThreadPoolExecutor.addWorker(ThreadPoolExecutor.java:945)",
                "io.vertx.core.impl.VertxImpl.executeBlocking(VertxImpl.java:560)",
                "io.netty.util.concurrent.SingleThreadEventExecutor$4.run(SingleThreadEventExecutor.java:1000)");
        assertThat(CreationSites.startedForAnOutsideCaller(EVENT_LOOP_STARTED_ON_A_WORKER, workerOfVertxAlone))
                .as("nobody outside the two libraries on the starter's stack").isFalse();
    }

    @Test
    void aLibraryTheApplicationStartedOnItsOwnThreadIsTheApplicationsWhoeverStartedThatThread() {
        List<String> startedByTheApplication = List.of(
                "io.netty.util.concurrent.ThreadPerTaskExecutor.execute(ThreadPerTaskExecutor.java:32)",
                "io.vertx.core.impl.EventLoopExecutor.execute(EventLoopExecutor.java:40)",
                "com.acme.Orders.run(Orders.java:12)",
                "java.base/java.lang.Thread.run(Thread.java:840)");
        List<String> startedByTomcat = List.of(
                "org.apache.tomcat.util.threads.TaskThreadFactory.newThread(TaskThreadFactory.java:57)",
                "org.apache.catalina.core.StandardService.start(StandardService.java:400)");
        assertThat(CreationSites.startedForAnOutsideCaller(startedByTheApplication, startedByTomcat)).isFalse();
    }
}
