package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.ExecutorKind;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.TaskRecord;
import dev.threadhound.model.TaskState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.threadhound.detect.ExecutorBuilder.executor;
import static dev.threadhound.detect.SnapshotBuilder.NOW;
import static dev.threadhound.detect.SnapshotBuilder.snapshot;
import static dev.threadhound.detect.ThreadBuilder.thread;
import static org.assertj.core.api.Assertions.assertThat;

class LeakedExecutorDetectorTest {

    private static final DetectOptions OPTIONS = DetectOptions.defaults();
    private static final long STUCK = OPTIONS.stuckAfterMillis();
    private static final List<String> PER_REQUEST = List.of(
            "java.base/java.util.concurrent.Executors.newFixedThreadPool(Executors.java:92)",
            "dev.threadhound.agent.track.ExecutorRegistry.created(ExecutorRegistry.java:30)",
            "com.acme.Handler.handle(Handler.java:40)",
            "com.acme.Server.serve(Server.java:12)");

    private final LeakedExecutorDetector detector = new LeakedExecutorDetector();

    private List<Finding> detect(Snapshot snapshot) {
        return detector.detect(snapshot, OPTIONS);
    }

    /** One idle executor made per request, {@code apart} ms after the previous one. */
    private static SnapshotBuilder perRequestPools(int count, long apart) {
        return perRequestPools(count, apart, i -> "pool-" + (i + 1));
    }

    private static SnapshotBuilder perRequestPools(int count, long apart, java.util.function.IntFunction<String> name) {
        SnapshotBuilder builder = snapshot();
        for (int i = 0; i < count; i++) {
            long worker = 100 + i;
            builder.executor(executor(name.apply(i)).createdAt(PER_REQUEST)
                            .createdAtMillis(NOW - 10 * STUCK + i * apart).idleSince(NOW - 2 * STUCK).workers(worker))
                    .thread(thread(worker, "pool-" + (i + 1) + "-thread-1").waiting()
                            .stack(Stacks.POOL_WORKER_IDLE_JDK17).executor("pool-" + (i + 1)).stalledFor(2 * STUCK));
        }
        return builder;
    }

    @Test
    void executorsNamedAfterTheirSiteAreNotNamedTwice() {
        // the agent names an executor without a name of its own after its site
        assertThat(detect(perRequestPools(5, 10_000, i -> "Handler.handle:40").build())).singleElement()
                .satisfies(f -> assertThat(f.summary()).isEqualTo("5 executors created at Handler.handle(Handler.java:40)"
                        + " were never shut down and sit idle holding 5 threads (the newest created 4m 20s ago)"));
    }

    /**
     * Schedulers made per call, one periodic task each, given as idle since they were made, as the agent gives a pool
     * whose workers ended only periodic runs.
     */
    private static Snapshot periodicReaders(String site, String taskClass) {
        List<String> readerSite = List.of(
                "java.base/java.util.concurrent.Executors.newScheduledThreadPool(Executors.java:248)",
                site,
                "com.acme.Telemetry.sdk(Telemetry.java:38)",
                "com.acme.Handler.handle(Handler.java:40)");
        SnapshotBuilder readers = snapshot();
        for (int i = 0; i < 6; i++) {
            long worker = 300 + i;
            long made = NOW - 10 * STUCK + i * 10_000;
            readers.executor(executor("metrics-publisher").kind(ExecutorKind.SCHEDULED).createdAt(readerSite)
                            .createdAtMillis(made).idleSince(made).workers(worker))
                    .thread(thread(worker, "metrics-publisher-1").timedWaiting()
                            .stack(Stacks.POOL_WORKER_IDLE_JDK17).executor("metrics-publisher").stalledFor(500))
                    .task(new TaskRecord("metrics-publisher", "ScheduledFutureTask@" + i, taskClass,
                            TaskState.SCHEDULED, readerSite, -1, made));
        }
        return readers.build();
    }

    @Test
    void schedulersMadePerCallForOnePeriodicTaskEachAreIdleButForItsRuns() {
        // OpenTelemetry's PeriodicMetricReader, built per call and never closed: one scheduler each, exporting every
        // second
        assertThat(detect(periodicReaders(
                "io.opentelemetry.sdk.metrics.export.PeriodicMetricReaderBuilder.build(PeriodicMetricReaderBuilder.java:86)",
                "io.opentelemetry.sdk.metrics.export.PeriodicMetricReader$Scheduled")))
                .singleElement().satisfies(f -> assertThat(f.summary()).isEqualTo(
                        "6 executors created at PeriodicMetricReaderBuilder.build(PeriodicMetricReaderBuilder.java:86)"
                                + " via Telemetry.sdk(Telemetry.java:38) were never shut down and sit idle but for"
                                + " periodic runs of PeriodicMetricReader$Scheduled holding 6 threads (the newest,"
                                + " metrics-publisher, created 4m 10s ago)"));
        // Micrometer's push registries schedule a lambda, whose number says nothing
        assertThat(detect(periodicReaders(
                "io.micrometer.core.instrument.push.PushMeterRegistry.start(PushMeterRegistry.java:111)",
                "io.micrometer.core.instrument.push.PushMeterRegistry$$Lambda$102/0x0000000800c4b2a8")))
                .singleElement().satisfies(f -> assertThat(f.summary())
                        .contains(" sit idle but for periodic runs of a lambda of PushMeterRegistry holding 6 threads"));
    }

    @Test
    void executorsWhoseRunningTasksOnlyAcceptConnectionsPileUpLikeIdleOnes() {
        // OkHttp's MockWebServer runs its accept loop as a task on its own pool: a server per call never looks idle
        List<String> accepting = List.of(
                "java.base/sun.nio.ch.Net.accept(Native Method)",
                "java.base/sun.nio.ch.NioSocketImpl.accept(NioSocketImpl.java:760)",
                "java.base/java.net.ServerSocket.implAccept(ServerSocket.java:675)",
                "java.base/java.net.ServerSocket.accept(ServerSocket.java:626)",
                "app//mockwebserver3.MockWebServer.acceptConnections(MockWebServer.kt:380)",
                "app//okhttp3.internal.concurrent.TaskRunner$runnable$1.run(TaskRunner.kt:60)",
                "java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)",
                "java.base/java.lang.Thread.run(Thread.java:840)");
        List<String> working = List.of(
                "app//com.acme.Report.render(Report.java:88)",
                "java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)",
                "java.base/java.lang.Thread.run(Thread.java:840)");
        SnapshotBuilder servers = snapshot();
        SnapshotBuilder busy = snapshot();
        for (int i = 0; i < 4; i++) {
            long worker = 200 + i;
            String name = "MockWebServer TaskRunner " + i;
            servers.executor(executor(name).createdAt(PER_REQUEST).createdAtMillis(NOW - 10 * STUCK + i * 10_000)
                            .bounded(Integer.MAX_VALUE, 1, 0, worker))
                    .thread(thread(worker, "MockWebServer " + i).runnable().stack(accepting).executor(name)
                            .stalledFor(2 * STUCK));
            busy.executor(executor(name).createdAt(PER_REQUEST).createdAtMillis(NOW - 10 * STUCK + i * 10_000)
                            .bounded(Integer.MAX_VALUE, 1, 0, worker))
                    .thread(thread(worker, "report-" + i).runnable().stack(working).executor(name)
                            .stalledFor(2 * STUCK));
        }
        assertThat(detect(servers.build())).singleElement().satisfies(f -> assertThat(f.count()).isEqualTo(4));
        assertThat(detect(busy.build())).as("tasks that run are work, not a pile of idle pools").isEmpty();

        // an embedded Hazelcast member's executors, each running a loop that waits on a queue of its own: its service
        SnapshotBuilder member = snapshot();
        for (int i = 0; i < 4; i++) {
            long worker = 300 + i;
            String name = "hz.member.thread-" + i;
            member.executor(executor(name).createdAt(PER_REQUEST).createdAtMillis(NOW - 10 * STUCK + i * 10_000)
                            .bounded(Integer.MAX_VALUE, 1, 0, worker))
                    .thread(thread(worker, name).waiting().stack(Stacks.POOL_WORKER_IDLE_JDK17).executor(name)
                            .stalledFor(2 * STUCK));
        }
        assertThat(detect(member.build())).as("no task accepts connections: not servers").isEmpty();
    }

    @Test
    void aStartUpWiringPoolsAlongDifferentPathsOnceIsNoPileUpHoweverSlowly() {
        // an embedded Hazelcast member makes its pools at one site along different paths, seconds apart when crowded
        SnapshotBuilder member = snapshot();
        for (int i = 0; i < 4; i++) {
            long worker = 400 + i;
            List<String> path = List.of(
                    "app//com.hazelcast.internal.util.executor.NamedThreadPoolExecutor.<init>(NamedThreadPoolExecutor.java:30)",
                    "app//com.hazelcast.spi.impl.executionservice.impl.ExecutionServiceImpl.register(ExecutionServiceImpl.java:" + (150 + i) + ")",
                    "app//com.hazelcast.instance.impl.Node.<init>(Node.java:245)",
                    "com.acme.Main.main(Main.java:31)");
            member.executor(executor("hz.async-" + i).createdAt(path).createdAtMillis(NOW - 10 * STUCK + i * STUCK)
                            .idleSince(NOW - 2 * STUCK).workers(worker))
                    .thread(thread(worker, "hz.async.thread-" + i).waiting().stack(Stacks.POOL_WORKER_IDLE_JDK17)
                            .executor("hz.async-" + i).stalledFor(2 * STUCK));
        }
        assertThat(detect(member.build())).isEmpty();
    }

    @Test
    void idleExecutorsPilingUpFromOneSiteAreOneFinding() {
        List<Finding> findings = detect(perRequestPools(5, 10_000).build());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.LEAKED_EXECUTOR);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.count()).isEqualTo(5);
            assertThat(f.executor()).isEqualTo("pool-5");
            assertThat(f.createdAt()).isEqualTo(PER_REQUEST);
            assertThat(f.threads()).hasSize(5);
            assertThat(f.summary()).isEqualTo("5 executors created at Handler.handle(Handler.java:40) were never"
                    + " shut down and sit idle holding 5 threads (the newest, pool-5, created 4m 20s ago)");
        });
    }

    @Test
    void executorsALibraryMadeOnThreadsOfItsOwnNameTheApplicationsCallThroughThoseThreads() {
        // Java-WebSocket's client makes its connection-lost timer on its own connect thread, one client per call
        SnapshotBuilder builder = snapshot();
        for (int i = 0; i < 6; i++) {
            long reader = 200 + i;
            builder.thread(thread(reader, "WebSocketConnectReadThread-" + reader).runnable()
                            .createdAt("org.java_websocket.client.WebSocketClient.connect(WebSocketClient.java:384)",
                                    "com.acme.Quotes.quote(Quotes.java:67)"))
                    .executor(executor("connectionLostChecker").createdBy(reader)
                            .createdAt("java.base/java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Executors.java:327)",
                                    "org.java_websocket.AbstractWebSocket.restartConnectionLostTimer(AbstractWebSocket.java:204)",
                                    "org.java_websocket.client.WebSocketClient.run(WebSocketClient.java:520)")
                            .createdAtMillis(NOW - 10 * STUCK + i * 10_000).idleSince(NOW - 2 * STUCK));
        }
        assertThat(detect(builder.build())).singleElement().satisfies(f -> assertThat(f.summary()).startsWith(
                "6 executors created at AbstractWebSocket.restartConnectionLostTimer(AbstractWebSocket.java:204) by a"
                        + " thread started at WebSocketClient.connect(WebSocketClient.java:384) via Quotes.quote(Quotes.java:67)"
                        + " were never shut down"));
    }

    @Test
    void fewerThanTheMinimumIsNotAPileUp() {
        assertThat(detect(perRequestPools(OPTIONS.minLeakedExecutors() - 1, 30_000).build())).isEmpty();
        assertThat(detect(perRequestPools(OPTIONS.minLeakedExecutors(), 30_000).build())).hasSize(1);
    }

    @Test
    void shardPoolsCreatedTogetherAtStartUpAreNotAPileUp() {
        assertThat(detect(perRequestPools(8, 100).build())).isEmpty();
        // each shard taking three seconds to start: made in one go all the same
        assertThat(detect(perRequestPools(8, 3_000).build())).isEmpty();
    }

    @Test
    void poolsThatKeepComingPastStuckAfterAreAPileUp() {
        assertThat(detect(perRequestPools(4, STUCK / 3 - 1).build())).as("all made within 30 s: one go").isEmpty();
        assertThat(detect(perRequestPools(4, STUCK / 3).build())).as("the last one 30 s after the first").hasSize(1);
    }

    /** {@code count} pools made within one second, each by the thread numbered in {@code creators}. */
    private static SnapshotBuilder burstOfPools(long... creators) {
        SnapshotBuilder builder = snapshot();
        for (int i = 0; i < creators.length; i++) {
            builder.executor(executor("pool-" + (i + 1)).createdAt(PER_REQUEST).createdBy(creators[i])
                    .createdAtMillis(NOW - 10 * STUCK + i * 20).idleSince(NOW - 2 * STUCK));
        }
        return builder;
    }

    @Test
    void poolsMadeInOneBurstByConcurrentRequestsAreAPileUp() {
        // ten requests arriving together on ten request threads, each making its own pool within 200 ms
        List<Finding> findings = detect(burstOfPools(11, 12, 13, 14, 15, 16, 17, 18, 19, 20).build());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(10);
            assertThat(f.createdAt()).isEqualTo(PER_REQUEST);
        });
    }

    @Test
    void poolsMadeInOneBurstByOneThreadAreAStartUpLoop() {
        // one pool per shard, made by the start-up thread in a loop
        assertThat(detect(burstOfPools(1, 1, 1, 1, 1, 1, 1, 1).build())).isEmpty();
        // creators the source does not know say nothing either way
        assertThat(detect(burstOfPools(-1, -1, -1, -1).build())).isEmpty();
    }

    @Test
    void shutDownBusyOrRecentlyIdleExecutorsDoNotCount() {
        SnapshotBuilder builder = snapshot();
        for (int i = 0; i < 4; i++) {
            builder.executor(executor("down-" + i).createdAt(PER_REQUEST).createdAtMillis(NOW - 100_000 + i * 20_000)
                    .idleSince(NOW - 2 * STUCK).shutdown());
            builder.executor(executor("busy-" + i).createdAt(PER_REQUEST).createdAtMillis(NOW - 100_000 + i * 20_000));
            builder.executor(executor("fresh-" + i).createdAt(PER_REQUEST).createdAtMillis(NOW - 100_000 + i * 20_000)
                    .idleSince(NOW - STUCK + 1));
        }
        assertThat(detect(builder.build())).isEmpty();
    }

    @Test
    void executorsFromDifferentSitesAreNotOnePile() {
        SnapshotBuilder builder = snapshot();
        for (int i = 0; i < 3; i++) {
            builder.executor(executor("e-" + i).createdAt("com.acme.Site" + i + ".make(Site.java:1)")
                    .createdAtMillis(NOW - 100_000 + i * 20_000).idleSince(NOW - 2 * STUCK));
        }
        assertThat(detect(builder.build())).isEmpty();
    }

    /** Where ActiveMQ 6.3.1 makes an executor: one method of its own, for whoever asks. */
    private static List<String> activeMqExecutor(String... callers) {
        return Stacks.calledFrom(List.of(
                "java.base/java.util.concurrent.ThreadPoolExecutor.<init>(ThreadPoolExecutor.java:1312)",
                "org.apache.activemq.thread.TaskRunnerFactory.createDefaultExecutor(TaskRunnerFactory.java:211)",
                "org.apache.activemq.thread.TaskRunnerFactory.init(TaskRunnerFactory.java:114)",
                "org.apache.activemq.thread.TaskRunnerFactory.createTaskRunner(TaskRunnerFactory.java:172)"), callers);
    }

    @Test
    void oneLibraryMethodMakingExecutorsForSeveralCallersIsASitePerCaller() {
        // an embedded broker, its in-JVM transport and a consumer's session, started a few seconds apart, each with
        // an executor made by the same library method: three executors that live as long as the service, no pile
        SnapshotBuilder service = snapshot();
        List<List<String>> sites = List.of(
                activeMqExecutor("org.apache.activemq.broker.BrokerService.start(BrokerService.java:640)",
                        "com.acme.Messaging.start(Messaging.java:19)"),
                activeMqExecutor("org.apache.activemq.transport.vm.VMTransport.start(VMTransport.java:120)",
                        "org.apache.activemq.ActiveMQConnection.start(ActiveMQConnection.java:531)",
                        "com.acme.Messaging.start(Messaging.java:23)"),
                activeMqExecutor("org.apache.activemq.ActiveMQSessionExecutor.wakeup(ActiveMQSessionExecutor.java:100)",
                        "org.apache.activemq.ActiveMQMessageConsumer.start(ActiveMQMessageConsumer.java:1633)",
                        "org.apache.activemq.ActiveMQSession.createConsumer(ActiveMQSession.java:1154)",
                        "com.acme.Messaging.start(Messaging.java:27)"));
        for (int i = 0; i < sites.size(); i++) {
            service.executor(executor("ActiveMQ Task " + i).createdAt(sites.get(i))
                    .createdAtMillis(NOW - 100_000 + i * 20_000).idleSince(NOW - 2 * STUCK));
        }
        assertThat(detect(service.build())).isEmpty();

        // a session made per order and never closed: the same caller each time
        SnapshotBuilder perOrder = snapshot();
        for (int i = 0; i < 3; i++) {
            perOrder.executor(executor("ActiveMQ Session Task " + i).createdAt(activeMqExecutor(
                            "org.apache.activemq.ActiveMQSession.createConsumer(ActiveMQSession.java:1154)",
                            "com.acme.Messaging.onOrder(Messaging.java:40)"))
                    .createdAtMillis(NOW - 100_000 + i * 20_000).idleSince(NOW - 2 * STUCK));
        }
        assertThat(detect(perOrder.build())).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(3);
            assertThat(f.summary()).contains("via Messaging.onOrder(Messaging.java:40)");
        });
    }

    /** Where a HikariCP 5 pool makes its executors, the pool made by {@code caller}. */
    private static List<String> hikariExecutor(String place, String caller) {
        return List.of("java.base/java.util.concurrent.ThreadPoolExecutor.<init>(ThreadPoolExecutor.java:1312)", place,
                "com.zaxxer.hikari.pool.HikariPool.<init>(HikariPool.java:115)",
                "com.zaxxer.hikari.HikariDataSource.<init>(HikariDataSource.java:80)", caller);
    }

    private static final String HOUSEKEEPER =
            "com.zaxxer.hikari.pool.HikariPool.initializeHouseKeepingExecutorService(HikariPool.java:622)";
    private static final String NETWORK_TIMEOUT =
            "com.zaxxer.hikari.pool.PoolBase.createNetworkTimeoutExecutor(PoolBase.java:604)";
    private static final String ADDER = "com.zaxxer.hikari.util.UtilityElf.createThreadPoolExecutor(UtilityElf.java:139)";

    /** A HikariCP pool made per call {@code calls} times, {@code STUCK} apart, by {@code caller}: three executors each. */
    private static SnapshotBuilder hikariPoolPerCall(SnapshotBuilder builder, int calls, String caller) {
        for (int i = 0; i < calls; i++) {
            long made = NOW - 10 * STUCK + i * STUCK;
            // HikariCP's network time-out executor has no name of its own: the agent names it after its site
            builder.executor(executor("PoolBase.createNetworkTimeoutExecutor:604").createdAt(hikariExecutor(NETWORK_TIMEOUT, caller))
                            .createdAtMillis(made).idleSince(NOW - 2 * STUCK))
                    .executor(executor("HikariPool-" + (i + 1) + " housekeeper").createdAt(hikariExecutor(HOUSEKEEPER, caller))
                            .createdAtMillis(made + 1).idleSince(NOW - 2 * STUCK))
                    .executor(executor("HikariPool-" + (i + 1) + " connection adder").createdAt(hikariExecutor(ADDER, caller))
                            .createdAtMillis(made + 2).idleSince(NOW - 2 * STUCK));
        }
        return builder;
    }

    @Test
    void theExecutorsOneLibraryObjectMadePerCallAtSeveralPlacesAreOneFinding() {
        List<Finding> findings = detect(hikariPoolPerCall(snapshot(), 4, "com.acme.Orders.pool(Orders.java:39)").build());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(12);
            // named after the first place's newest with a name of its own, which stays the same one as the other
            // places make more
            assertThat(f.executor()).isEqualTo("HikariPool-4 housekeeper");
            assertThat(f.createdAt()).isEqualTo(hikariExecutor(HOUSEKEEPER, "com.acme.Orders.pool(Orders.java:39)"));
            assertThat(f.summary()).startsWith("12 executors created at"
                    + " PoolBase.createNetworkTimeoutExecutor(PoolBase.java:604),"
                    + " HikariPool.initializeHouseKeepingExecutorService(HikariPool.java:622) and"
                    + " UtilityElf.createThreadPoolExecutor(UtilityElf.java:139) via Orders.pool(Orders.java:39)"
                    + " were never shut down and sit idle (the newest, HikariPool-4 housekeeper, created ");
        });
    }

    private static List<String> vertxExecutor(int line) {
        return List.of("java.base/java.util.concurrent.ThreadPoolExecutor.<init>(ThreadPoolExecutor.java:1312)",
                "java.base/java.util.concurrent.Executors.newFixedThreadPool(Executors.java:155)",
                "io.vertx.core.spi.ExecutorServiceFactory.lambda$static$0(ExecutorServiceFactory.java:32)",
                "io.vertx.core.impl.VertxImpl.<init>(VertxImpl.java:" + line + ")",
                "io.vertx.core.Vertx.vertx(Vertx.java:149)",
                "com.acme.Handler.handle(Handler.java:5)");
    }

    /** A Vert.x instance per call: its worker pool (named after its threads) and its internal pool, at one place. */
    private static SnapshotBuilder vertxPerCall(SnapshotBuilder builder, int calls, boolean lastInternalPool) {
        // a path taken once, long before: named, and the oldest, but not what keeps coming
        builder.executor(executor("vert.x-acceptor-thread").createdAt(vertxExecutor(150))
                .createdAtMillis(NOW - 20 * STUCK).idleSince(NOW - 2 * STUCK));
        for (int i = 0; i < calls; i++) {
            long made = NOW - 10 * STUCK + i * STUCK;
            builder.executor(executor("vert.x-worker-thread").createdAt(vertxExecutor(199))
                    .createdAtMillis(made).idleSince(NOW - 2 * STUCK));
            if (i < calls - 1 || lastInternalPool) {
                builder.executor(executor("ExecutorServiceFactory.lambda$static$0:32").createdAt(vertxExecutor(201))
                        .createdAtMillis(made + 1).idleSince(NOW - 2 * STUCK));
            }
        }
        return builder;
    }

    @Test
    void onePlaceReachedAlongTwoPathsIsNamedAfterOnePathWhicheverWasMadeLast() {
        Finding internalLast = detect(vertxPerCall(snapshot(), 3, true).build()).get(0);
        Finding workersLast = detect(vertxPerCall(snapshot(), 4, false).build()).get(0);

        assertThat(List.of(internalLast, workersLast)).allSatisfy(f -> {
            assertThat(f.executor()).isEqualTo("vert.x-worker-thread");
            assertThat(f.createdAt()).isEqualTo(vertxExecutor(199));
        });
        assertThat(internalLast.count()).isEqualTo(7);
        assertThat(workersLast.count()).isEqualTo(8);
    }

    @Test
    void oneLibraryObjectPerCallAtTwoCallersIsAFindingPerCaller() {
        SnapshotBuilder builder = hikariPoolPerCall(snapshot(), 3, "com.acme.Orders.pool(Orders.java:39)");
        hikariPoolPerCall(builder, 3, "com.acme.Billing.pool(Billing.java:12)");

        assertThat(detect(builder.build())).hasSize(2).allSatisfy(f -> assertThat(f.count()).isEqualTo(9))
                .extracting(Finding::summary)
                .anySatisfy(s -> assertThat(s).contains(" via Orders.pool(Orders.java:39) were never shut down"))
                .anySatisfy(s -> assertThat(s).contains(" via Billing.pool(Billing.java:12) were never shut down"));
    }

    @Test
    void twoLibrariesMadePerCallByOneCallerAreAFindingEach() {
        SnapshotBuilder builder = hikariPoolPerCall(snapshot(), 3, "com.acme.Orders.handle(Orders.java:20)");
        for (int i = 0; i < 3; i++) {
            builder.executor(executor("OkHttp Dispatcher " + i).createdAt(
                            "java.base/java.util.concurrent.ThreadPoolExecutor.<init>(ThreadPoolExecutor.java:1312)",
                            "okhttp3.Dispatcher.executorService(Dispatcher.kt:66)",
                            "com.acme.Orders.handle(Orders.java:20)")
                    .createdAtMillis(NOW - 10 * STUCK + i * STUCK).idleSince(NOW - 2 * STUCK));
        }

        assertThat(detect(builder.build())).extracting(Finding::count).containsExactlyInAnyOrder(9, 3);
    }

    @Test
    void anIgnoredPlaceOfALibraryLeavesItsOtherPlacesReported() {
        List<Finding> findings = new LeakedExecutorDetector().detect(
                hikariPoolPerCall(snapshot(), 4, "com.acme.Orders.pool(Orders.java:39)").build(),
                OPTIONS.withIgnore(List.of("com.zaxxer.hikari.pool.HikariPool.initializeHouseKeepingExecutorService")));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(8);
            assertThat(f.summary()).startsWith("8 executors created at"
                    + " PoolBase.createNetworkTimeoutExecutor(PoolBase.java:604) and"
                    + " UtilityElf.createThreadPoolExecutor(UtilityElf.java:139) via Orders.pool(Orders.java:39)");
        });
    }

    @Test
    void executorsWithoutCreationSiteAreGroupedByName() {
        SnapshotBuilder builder = snapshot();
        for (int i = 0; i < 3; i++) {
            builder.executor(executor("ingest").identity("java.util.concurrent.ThreadPoolExecutor@" + i)
                    .createdAtMillis(NOW - 100_000 + i * 20_000).idleSince(NOW - 2 * STUCK));
            builder.executor(executor("other-" + i).createdAtMillis(NOW - 100_000 + i * 20_000)
                    .idleSince(NOW - 2 * STUCK));
        }
        assertThat(detect(builder.build())).singleElement().satisfies(f -> {
            assertThat(f.executor()).isEqualTo("ingest");
            assertThat(f.count()).isEqualTo(3);
            assertThat(f.createdAt()).isEmpty();
        });
    }

    @Test
    void theCommonPoolIsNeverALeak() {
        SnapshotBuilder builder = snapshot();
        for (int i = 0; i < 3; i++) {
            builder.executor(executor("ForkJoinPool.commonPool").kind(ExecutorKind.FORK_JOIN)
                    .identity("java.util.concurrent.ForkJoinPool@" + i)
                    .createdAtMillis(NOW - 100_000 + i * 20_000).idleSince(NOW - 2 * STUCK));
        }
        assertThat(detect(builder.build())).isEmpty();
    }
}
