package dev.threadhound.junit;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The failure message's words for what happens next to a thread, and the line said once for a singleton. */
class LeakReportTest {

    private static final List<String> CREATED = List.of(
            "java.base@17.0.15/java.lang.Thread.start(Thread.java:798)",
            "app//com.acme.ClientTest.sendsLater(ClientTest.java:39)");

    @Test
    void aSleepingThreadIsSaidToBeSleepingWithWhereItStartedAndHowToAcceptIt() {
        String text = message(thread("report-sender", "TIMED_WAITING", List.of(
                "java.base@17.0.15/java.lang.Thread.sleep(Native Method)",
                "app//com.acme.ClientTest.lambda$sendsLater$0(ClientTest.java:40)",
                "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)"), CREATED), true);

        assertThat(text).contains("it is sleeping in Thread.sleep called from ClientTest.lambda$sendsLater$0(ClientTest.java:40)",
                "it may end by itself", "the JDK does not tell how much of the wait is left",
                "started at ClientTest.sendsLater(ClientTest.java:39)",
                "a longer linger (lingerMillis; waited 1000 ms)", "ignoreThreadNames \"report-sender\"",
                "ignoreCreatedAt \"com.acme.ClientTest.sendsLater\"", "threadhound.junit.ignoreTimedWaiting=true");
    }

    @Test
    void aStackEndsAtTheTestMethodNotInTheTestFrameworkThatCalledIt() {
        List<String> created = List.of(
                "java.base@17.0.15/java.lang.Thread.start(Thread.java:798)",
                "app//com.acme.ClientTest.sendsLater(ClientTest.java:39)",
                "java.base@17.0.15/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)",
                "java.base@17.0.15/java.lang.reflect.Method.invoke(Method.java:569)",
                "app//org.junit.platform.commons.util.ReflectionUtils.invokeMethod(ReflectionUtils.java:728)",
                "app//org.junit.jupiter.engine.execution.MethodInvocation.proceed(MethodInvocation.java:60)",
                "app//org.apache.maven.surefire.booter.ForkedBooter.main(ForkedBooter.java:495)");
        String text = message(thread("report-sender", "WAITING", List.of(
                "java.base@17.0.15/java.lang.Object.wait(Native Method)",
                "app//com.acme.ClientTest.lambda$sendsLater$0(ClientTest.java:40)",
                "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)"), created), true);

        assertThat(text).contains("      at app//com.acme.ClientTest.sendsLater(ClientTest.java:39)\n"
                        + "      ... 5 frames of the test framework\n")
                .doesNotContain("Method.invoke", "org.junit", "surefire");
        assertThat(LeakReport.aboveTheTestFramework(List.of(
                "app//org.junit.platform.launcher.core.EngineExecutionOrchestrator.execute(EngineExecutionOrchestrator.java:1)")))
                .as("a thread the framework started itself shows whole").isEqualTo(1);
    }

    @Test
    void sleepingOnJdk25GoesThroughSleepNanos() {
        String text = message(thread("poller", "TIMED_WAITING", List.of(
                "java.base@25.0.3/java.lang.Thread.sleepNanos0(Native Method)",
                "java.base@25.0.3/java.lang.Thread.sleepNanos(Thread.java:496)",
                "java.base@25.0.3/java.lang.Thread.sleep(Thread.java:527)",
                "java.base@25.0.3/java.util.concurrent.TimeUnit.sleep(TimeUnit.java:446)",
                "app//com.acme.Poller.run(Poller.java:9)"), List.of()), false);

        assertThat(text).contains("it is sleeping in Thread.sleep called from Poller.run(Poller.java:9)")
                .doesNotContain("started at", "ignoreCreatedAt");
    }

    @Test
    void aTimedWaitNamesTheJdkMethodTheCodeCalled() {
        String text = message(thread("fetch[1]", "TIMED_WAITING", List.of(
                "java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)",
                "java.base@17.0.15/java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:252)",
                "java.base@17.0.15/java.util.concurrent.CountDownLatch.await(CountDownLatch.java:276)",
                "app//com.acme.Fetch.run(Fetch.java:22)"), CREATED), true);

        assertThat(text).contains("it is waiting with a timeout in CountDownLatch.await called from Fetch.run(Fetch.java:22)",
                "ignoreThreadNames \"\\Qfetch[1]\\E\"");
    }

    @Test
    void anIdlePoolWorkerIsItsExecutorsBusinessAndGetsNoSuchNote() {
        String text = message(thread("commons-pool-evictor", "TIMED_WAITING", List.of(
                "java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)",
                "java.base@17.0.15/java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:252)",
                "java.base@17.0.15/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.awaitNanos(AbstractQueuedSynchronizer.java:1679)",
                "java.base@17.0.15/java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue.take(ScheduledThreadPoolExecutor.java:1182)",
                "java.base@17.0.15/java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1062)",
                "java.base@17.0.15/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1122)",
                "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)"), List.of()), false);

        assertThat(text).doesNotContain("it may end by itself");
    }

    @Test
    void aWaitWithoutCodeOfTheApplicationOnItsStackNamesTheJdkMethodStill() {
        String text = message(thread("drainer", "TIMED_WAITING", List.of(
                "java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)",
                "java.base@17.0.15/java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:252)",
                "java.base@17.0.15/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.awaitNanos(AbstractQueuedSynchronizer.java:1679)",
                "java.base@17.0.15/java.util.concurrent.LinkedBlockingQueue.poll(LinkedBlockingQueue.java:460)",
                "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)"), List.of()), false);

        assertThat(text).contains("it is waiting with a timeout in LinkedBlockingQueue.poll: it may end by itself");
    }

    @Test
    void aThreadWaitingForeverGetsNoSuchNote() {
        String text = message(thread("stuck", "WAITING", List.of(
                "java.base@17.0.15/java.lang.Object.wait(Native Method)", "app//com.acme.Stuck.run(Stuck.java:3)"),
                CREATED), true);

        assertThat(text).doesNotContain("it may end by itself", "ignoreTimedWaiting");
    }

    @Test
    void theSingletonLineNamesTheStaticInitializerAndShowsTheSiteDownToWhatTouchedIt() {
        FindingThread timer = thread("lib-timer", "WAITING", List.of(), List.of(
                "java.base@17.0.15/java.lang.Thread.start(Thread.java:798)",
                "java.base@17.0.15/java.util.Timer.<init>(Timer.java:188)",
                "app//com.lib.Timers$Holder.<clinit>(Timers.java:12)",
                "app//com.acme.ClientTest.usesTheLibrary(ClientTest.java:30)",
                "java.base@17.0.15/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)"));
        Finding f = Finding.of(FindingType.LEAKED_THREAD, Severity.CRITICAL, "thread lib-timer").threads(List.of(timer)).build();

        String line = LeakReport.singleton("test ClientTest.usesTheLibrary()", f, "com.acme.ClientTest");

        assertThat(line).startsWith("threadhound: not a leak of test ClientTest.usesTheLibrary(): thread \"lib-timer\" was "
                        + "created by the static initializer of com.lib.Timers$Holder, which runs once per JVM")
                .contains("at app//com.lib.Timers$Holder.<clinit>(Timers.java:12)\n",
                        "at app//com.acme.ClientTest.usesTheLibrary(ClientTest.java:30)\n")
                .doesNotContain("NativeMethodAccessorImpl");
        assertThat(LeakReport.singleton("the code under check", f, null)).contains("ClientTest.usesTheLibrary");
    }

    private static String message(FindingThread t, boolean agent) {
        Finding f = Finding.of(FindingType.LEAKED_THREAD, Severity.CRITICAL, "thread " + t.name()).threads(List.of(t)).build();
        return LeakReport.text("test ClientTest.sendsLater()", List.of(f), Leaks.NONE, 1000, agent);
    }

    private static FindingThread thread(String name, String state, List<String> stack, List<String> createdAt) {
        return new FindingThread(name, 42, false, state, null, null, stack, createdAt);
    }
}
