package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.threadhound.detect.SnapshotBuilder.NOW;
import static dev.threadhound.detect.SnapshotBuilder.queued;
import static dev.threadhound.detect.SnapshotBuilder.running;
import static dev.threadhound.detect.SnapshotBuilder.snapshot;
import static dev.threadhound.detect.ThreadBuilder.thread;
import static org.assertj.core.api.Assertions.assertThat;

class LeakedTaskDetectorTest {

    private static final DetectOptions OPTIONS = DetectOptions.defaults();
    private static final long STUCK = OPTIONS.stuckAfterMillis();
    private static final String SUBMITTED = "com.acme.Reports.schedule(Reports.java:20)";

    private final LeakedTaskDetector detector = new LeakedTaskDetector();

    private List<Finding> detect(Snapshot snapshot) {
        return detector.detect(snapshot, OPTIONS);
    }

    @Test
    void aRunningTaskWhoseWorkerIsStuckIsReportedWithItsExecutorAndSubmissionSite() {
        Snapshot s = snapshot()
                .thread(thread(21, "reports-1").waiting().stack(Stacks.WORKER_IN_LATCH_AWAIT).executor("reports")
                        .blockedOn("java.util.concurrent.CountDownLatch$Sync@77a567e1").stalledFor(45_000))
                .task(running("reports", "java.util.concurrent.FutureTask@1a2b3c", "com.acme.Reports$Build", 21,
                        NOW - 50_000, "java.base/java.util.concurrent.AbstractExecutorService.submit(AbstractExecutorService.java:123)",
                        SUBMITTED))
                .build();

        assertThat(detect(s)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.LEAKED_TASK);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.state()).isEqualTo("RUNNING");
            assertThat(f.executor()).isEqualTo("reports");
            assertThat(f.durationMs()).isEqualTo(45_000L);
            assertThat(f.submittedAt()).endsWith(SUBMITTED);
            assertThat(f.threads()).extracting(FindingThread::name).containsExactly("reports-1");
            assertThat(f.summary()).isEqualTo("task Reports$Build stuck running for 45s on executor reports:"
                    + " worker reports-1 waiting in CountDownLatch.await at Reports.build(Reports.java:71)"
                    + " on CountDownLatch$Sync@77a567e1, submitted at Reports.schedule(Reports.java:20)");
        });
    }

    @Test
    void theCallerOfAPoolsCloseWaitingForAStuckTaskIsNamedWithItAndAsItsVictim() {
        String termination = "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@5a1c0542";
        List<String> closing = List.of(
                "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "java.base/java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:271)",
                "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.awaitNanos(AbstractQueuedSynchronizer.java:1803)",
                "java.base/java.util.concurrent.ThreadPoolExecutor.awaitTermination(ThreadPoolExecutor.java:1473)",
                "java.base/java.util.concurrent.ExecutorService.close(ExecutorService.java:395)",
                "com.acme.Reports.runAll(Reports.java:33)",
                "com.acme.Main.main(Main.java:12)");
        Snapshot s = snapshot()
                .executor(ExecutorBuilder.executor("reports").termination(termination).workers(21L))
                .executor(ExecutorBuilder.executor("mail")
                        .termination("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@1f2e3d4c"))
                .thread(thread(21, "reports-1").waiting().stack(Stacks.WORKER_IN_LATCH_AWAIT).executor("reports")
                        .blockedOn("java.util.concurrent.CountDownLatch$Sync@77a567e1").stalledFor(45_000))
                .thread(thread(1, "main").timedWaiting().stack(closing).blockedOn(termination).stalledFor(44_000))
                .thread(thread(2, "mail-closer").timedWaiting().stack(closing)
                        .blockedOn("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@1f2e3d4c")
                        .stalledFor(44_000))
                .task(running("reports", "java.util.concurrent.FutureTask@1a2b3c", "com.acme.Reports$Build", 21,
                        NOW - 50_000, "java.base/java.util.concurrent.AbstractExecutorService.submit(AbstractExecutorService.java:123)",
                        SUBMITTED))
                .build();

        assertThat(detect(s)).singleElement().satisfies(f -> {
            assertThat(f.summary()).endsWith("submitted at Reports.schedule(Reports.java:20);"
                    + " main waits for it in ExecutorService.close at Reports.runAll(Reports.java:33)");
            assertThat(f.victims()).extracting(FindingThread::name).containsExactly("main");
        });
    }

    @Test
    void aLibrarysLoopRunAsATaskOnItsOwnPoolIsNotAStuckTask() {
        // Curator's client runs its background loop as a task of its single-thread pool for as long as it lives
        Snapshot s = snapshot()
                .thread(thread(22, "Curator-Framework-0").waiting().stack(Stacks.CURATOR_BACKGROUND_LOOP)
                        .executor("Curator-Framework")
                        .blockedOn("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@74eaa5c1")
                        .stalledFor(45_000))
                .task(running("Curator-Framework", "java.util.concurrent.FutureTask@2b3c4d",
                        "org.apache.curator.framework.imps.CuratorFrameworkImpl$4", 22, NOW - 50_000,
                        "java.base/java.util.concurrent.ScheduledThreadPoolExecutor.submit(ScheduledThreadPoolExecutor.java:731)",
                        "org.apache.curator.framework.imps.CuratorFrameworkImpl.start(CuratorFrameworkImpl.java:317)",
                        "com.acme.Registry.connect(Registry.java:30)"))
                .build();

        assertThat(detect(s)).isEmpty();
    }

    @Test
    void anAsynchronousChannelGroupsEventHandlerWaitingForEventsIsNotAStuckTaskButAHandlerStuckInItIs() {
        // the JDK runs a group's event handler as a task on the group's pool for as long as the group lives
        List<String> handlerLoop = List.of(
                "java.base/sun.nio.ch.EPollPort$EventHandlerTask.run(EPollPort.java:275)",
                "java.base/sun.nio.ch.AsynchronousChannelGroupImpl$1.run(AsynchronousChannelGroupImpl.java:113)",
                "java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)",
                "java.base/java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:635)",
                "java.base/java.lang.Thread.run(Thread.java:840)");
        List<String> waiting = new java.util.ArrayList<>(List.of(
                "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)",
                "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await(AbstractQueuedSynchronizer.java:1623)",
                "java.base/java.util.concurrent.ArrayBlockingQueue.take(ArrayBlockingQueue.java:420)"));
        waiting.addAll(handlerLoop);
        List<String> stuckInHandler = new java.util.ArrayList<>(List.of(
                "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:211)",
                "java.base/java.util.concurrent.CountDownLatch.await(CountDownLatch.java:230)",
                "com.acme.Echo$Reader.completed(Echo.java:44)",
                "java.base/sun.nio.ch.Invoker.invokeUnchecked(Invoker.java:127)",
                "java.base/sun.nio.ch.EPollPort$EventHandlerTask.run(EPollPort.java:304)"));
        stuckInHandler.addAll(handlerLoop.subList(1, handlerLoop.size()));
        Snapshot s = snapshot()
                .thread(thread(31, "pool-1-thread-1").waiting().stack(waiting).executor("Echo.start:59")
                        .stalledFor(10 * STUCK))
                .thread(thread(32, "pool-1-thread-2").waiting().stack(stuckInHandler).executor("Echo.start:59")
                        .blockedOn("java.util.concurrent.CountDownLatch$Sync@77a567e1").stalledFor(10 * STUCK))
                .task(running("Echo.start:59", "sun.nio.ch.AsynchronousChannelGroupImpl$1@1",
                        "sun.nio.ch.AsynchronousChannelGroupImpl$1", 31, NOW - 11 * STUCK,
                        "com.acme.Echo.start(Echo.java:59)"))
                .task(running("Echo.start:59", "sun.nio.ch.AsynchronousChannelGroupImpl$1@2",
                        "sun.nio.ch.AsynchronousChannelGroupImpl$1", 32, NOW - 11 * STUCK,
                        "com.acme.Echo.start(Echo.java:59)"))
                .build();

        assertThat(detect(s)).singleElement().satisfies(f ->
                assertThat(f.threads()).extracting(FindingThread::name).containsExactly("pool-1-thread-2"));
    }

    @Test
    void aRunningTaskWhoseWorkerProgressedRecentlyIsNotReported() {
        Snapshot s = snapshot()
                .thread(thread(21, "reports-1").waiting().stack(Stacks.WORKER_IN_LATCH_AWAIT).executor("reports")
                        .stalledFor(STUCK - 1))
                .task(running("reports", "java.util.concurrent.FutureTask@1", "com.acme.Reports$Build", 21,
                        NOW - 10 * STUCK))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void anIdleWorkerSeenWithATaskJustTakenIsNotStuckUntilTheTaskHasBeenSeenThatLong() {
        // the worker's state was read while it waited for work, its task a moment later, when it had taken one
        Snapshot justTaken = snapshot()
                .thread(thread(21, "replica-13").waiting().executor("replica")
                        .blockedOn("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@464c013c")
                        .stalledFor(3 * STUCK))
                .task(running("replica", "java.util.concurrent.CompletableFuture$AsyncSupply@1",
                        "java.util.concurrent.CompletableFuture$AsyncSupply", 21, NOW))
                .build();
        assertThat(detect(justTaken)).isEmpty();

        Snapshot seenSince = snapshot()
                .thread(thread(21, "replica-13").waiting().executor("replica")
                        .blockedOn("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@464c013c")
                        .stalledFor(3 * STUCK))
                .task(running("replica", "java.util.concurrent.CompletableFuture$AsyncSupply@1",
                        "java.util.concurrent.CompletableFuture$AsyncSupply", 21, NOW - STUCK))
                .build();
        assertThat(detect(seenSince)).singleElement()
                .satisfies(f -> assertThat(f.durationMs()).as("as long as the task was seen").isEqualTo(STUCK));
    }

    @Test
    void aLongRunningTaskThatComputesIsNotStuck() {
        Snapshot s = snapshot()
                .thread(thread(21, "pricing-1").runnable().stack(Stacks.WORKER_COMPUTING).executor("pricing")
                        .stalledFor(10 * STUCK))
                .task(running("pricing", "java.util.concurrent.FutureTask@1", "com.acme.Pricing", 21,
                        NOW - 10 * STUCK))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void whenTheWorkersStallIsUnknownTheTasksAgeCounts() {
        Snapshot s = snapshot()
                .thread(thread(21, "reports-1").waiting().stack(Stacks.WORKER_IN_LATCH_AWAIT).executor("reports"))
                .task(running("reports", "java.util.concurrent.FutureTask@1", "com.acme.Reports$Build", 21,
                        NOW - 2 * STUCK))
                .build();
        assertThat(detect(s)).singleElement().satisfies(f -> assertThat(f.durationMs()).isEqualTo(2 * STUCK));
    }

    @Test
    void aStuckPoolWorkerWithoutATaskRecordIsStillATaskNotAThread() {
        Snapshot s = snapshot()
                .thread(thread(21, "reports-1").waiting().stack(Stacks.WORKER_IN_LATCH_AWAIT).executor("reports")
                        .stalledFor(STUCK))
                .build();

        assertThat(detect(s)).singleElement().satisfies(f -> {
            assertThat(f.state()).isEqualTo("RUNNING");
            assertThat(f.executor()).isEqualTo("reports");
            assertThat(f.submittedAt()).isEmpty();
            assertThat(f.summary()).startsWith("a task stuck running for 30s on executor reports: worker reports-1");
        });
        assertThat(new LeakedThreadDetector().detect(s, OPTIONS)).isEmpty();
    }

    @Test
    void idleWorkersOfAnExecutorAreNotStuckTasks() {
        Snapshot s = snapshot()
                .thread(thread(21, "pool-1-thread-1").waiting().stack(Stacks.POOL_WORKER_IDLE_JDK17)
                        .executor("pool-1").stalledFor(10 * STUCK))
                .thread(thread(22, "ForkJoinPool.commonPool-worker-1").waiting().stack(Stacks.COMMON_POOL_IDLE_JDK25)
                        .executor("ForkJoinPool.commonPool").stalledFor(10 * STUCK))
                .thread(thread(23, "ticker-1").timedWaiting().stack(Stacks.SCHEDULED_WORKER_BETWEEN_TICKS)
                        .executor("ticker").stalledFor(10 * STUCK))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void aWorkerWithNeitherTaskNorStackIsNotReportedUntilItsStackSaysWhatItWaitsFor() {
        // an idle worker of a pool whose stack the live agent has not taken yet, among workers stuck in a task
        Snapshot s = snapshot()
                .thread(thread(21, "fanout-1").waiting().stack(Stacks.WORKER_IN_LATCH_AWAIT).executor("fanout")
                        .blockedOn("java.util.concurrent.CountDownLatch$Sync@1").stalledFor(STUCK))
                .task(running("fanout", "java.util.concurrent.FutureTask@1", "com.acme.Fanout$Call", 21,
                        NOW - STUCK, SUBMITTED))
                .thread(thread(22, "fanout-2").waiting().executor("fanout")
                        .blockedOn("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@2")
                        .stalledFor(10 * STUCK))
                .build();
        assertThat(detect(s)).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(1);
            assertThat(f.threads()).extracting(FindingThread::name).containsExactly("fanout-1");
        });
    }

    @Test
    void aTaskRecordLeftBehindByAnIdleWorkerIsNotReported() {
        Snapshot s = snapshot()
                .thread(thread(21, "pool-1-thread-1").waiting().stack(Stacks.POOL_WORKER_IDLE_JDK25)
                        .executor("pool-1").stalledFor(10 * STUCK))
                .task(running("pool-1", "java.util.concurrent.FutureTask@1", "com.acme.Job", 21, NOW - 10 * STUCK))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void stuckVirtualThreadPerTaskTasksAtOneSiteAreOneFinding() {
        SnapshotBuilder builder = snapshot();
        for (int i = 0; i < 300; i++) {
            builder.thread(thread(1000 + i, "").virtual().waiting().stack(Stacks.VIRTUAL_LATCH_AWAIT)
                            .executor("ThreadPerTaskExecutor@Fanout.start:30").stalledFor(STUCK + i))
                    .task(running("ThreadPerTaskExecutor@Fanout.start:30", "java.util.concurrent.FutureTask@" + i,
                            "com.acme.Fanout$Call", 1000 + i, NOW - STUCK - i, SUBMITTED));
        }
        assertThat(detect(builder.build())).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(300);
            assertThat(f.threads()).hasSize(10);
            assertThat(f.durationMs()).isEqualTo(STUCK + 299);
            assertThat(f.summary()).startsWith("300 tasks Fanout$Call stuck running for up to 30s");
        });
    }

    @Test
    void workersWhoseStacksAreNotTakenYetJoinTheFindingOfTheWorkersLikeThem() {
        SnapshotBuilder builder = snapshot();
        for (int i = 0; i < 6; i++) {
            boolean withStack = i % 2 == 0;
            ThreadBuilder worker = thread(30 + i, "reports-" + i).waiting().executor("reports")
                    .blockedOn("java.util.concurrent.CountDownLatch$Sync@" + i).stalledFor(STUCK + 1_000 * i);
            builder.thread(withStack ? worker.stack(Stacks.WORKER_IN_LATCH_AWAIT) : worker)
                    .task(running("reports", "java.util.concurrent.FutureTask@" + i, "com.acme.Reports$Build", 30 + i,
                            NOW - STUCK - 1_000 * i, SUBMITTED));
        }
        // a worker of the same pool waiting on something else stays apart
        builder.thread(thread(40, "reports-6").waiting().executor("reports")
                        .blockedOn("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@9")
                        .stalledFor(STUCK))
                .task(running("reports", "java.util.concurrent.FutureTask@9", "com.acme.Reports$Build", 40,
                        NOW - STUCK, SUBMITTED));

        List<Finding> findings = detect(builder.build());
        assertThat(findings).hasSize(2);
        assertThat(findings).filteredOn(f -> f.count() == 6).singleElement().satisfies(f ->
                assertThat(f.summary()).as("where they wait, from a worker whose stack was taken")
                        .startsWith("6 tasks Reports$Build stuck running for up to 35s on executor reports:")
                        .contains("waiting in CountDownLatch.await at Reports.build(Reports.java:71)"));
    }

    @Test
    void tasksQueuedPastStuckAfterAreOneFindingPerExecutorAndTaskClass() {
        Snapshot s = snapshot()
                .thread(thread(21, "mail-1").runnable().stack(Stacks.WORKER_COMPUTING).executor("mail"))
                .task(queued("mail", "java.util.concurrent.FutureTask@1", "com.acme.Mail$Send", NOW - 50_000, SUBMITTED))
                .task(queued("mail", "java.util.concurrent.FutureTask@2", "com.acme.Mail$Send", NOW - 40_000, SUBMITTED))
                .task(queued("mail", "java.util.concurrent.FutureTask@3", "com.acme.Mail$Send", NOW - 1_000, SUBMITTED))
                .task(queued("mail", "java.util.concurrent.FutureTask@4", "com.acme.Mail$Bounce", NOW - 35_000))
                .task(queued("sms", "java.util.concurrent.FutureTask@5", "com.acme.Mail$Send", NOW - 10_000))
                .build();

        List<Finding> findings = detect(s);

        assertThat(findings).extracting(Finding::state).containsOnly("QUEUED");
        assertThat(findings).extracting(Finding::count).containsExactly(2, 1);
        Finding send = findings.get(0);
        assertThat(send.executor()).isEqualTo("mail");
        assertThat(send.durationMs()).isEqualTo(50_000L);
        assertThat(send.submittedAt()).containsExactly(SUBMITTED);
        assertThat(send.threads()).extracting(FindingThread::name).containsExactly("mail-1");
        assertThat(send.summary()).isEqualTo("2 tasks Mail$Send queued for up to 50s on executor mail and never"
                + " started, submitted at Reports.schedule(Reports.java:20)");
        assertThat(findings.get(1).summary()).isEqualTo("task Mail$Bounce queued for 35s on executor mail and"
                + " never started");
    }

    @Test
    void aBacklogItsWorkersAreWorkingOffIsNoLeakHoweverLongItsLastTasksWait() {
        // two workers taking a one-second task after another: the last of eighty waited forty seconds
        Snapshot s = snapshot()
                .thread(thread(21, "batch-1").timedWaiting().stack(Stacks.WORKER_COMPUTING).executor("batch").stalledFor(400))
                .thread(thread(22, "batch-2").timedWaiting().stack(Stacks.WORKER_COMPUTING).executor("batch").stalledFor(2 * STUCK))
                .task(queued("batch", "java.util.concurrent.FutureTask@1", "com.acme.Batch$Line", NOW - 40_000, SUBMITTED))
                // the same on a pool whose one worker has not moved since: those will never start
                .thread(thread(23, "mail-1").waiting().stack(Stacks.CONSUMER_TAKE).executor("mail").stalledFor(2 * STUCK))
                .task(queued("mail", "java.util.concurrent.FutureTask@2", "com.acme.Mail$Send", NOW - 40_000, SUBMITTED))
                .build();

        assertThat(detect(s)).filteredOn(f -> "QUEUED".equals(f.state())).singleElement()
                .satisfies(f -> assertThat(f.executor()).isEqualTo("mail"));
    }

    @Test
    void aTaskQueuedBesideAWorkerWaitingForOneIsNotReported() {
        // the whole JVM went seconds without a core: the worker that is to take the task has not woken for it yet
        Snapshot s = snapshot()
                .thread(thread(21, "parallel-1").timedWaiting().stack(Stacks.SCHEDULED_WORKER_BETWEEN_TICKS)
                        .executor("parallel").stalledFor(2 * STUCK))
                .task(queued("parallel", "reactor.core.scheduler.WorkerTask@1", "reactor.core.scheduler.WorkerTask",
                        NOW - 2 * STUCK, SUBMITTED))
                // a worker running a task that waits, with tasks queued behind it: those will never start
                .thread(thread(23, "mail-1").waiting().stack(Stacks.CONSUMER_TAKE).executor("mail").stalledFor(2 * STUCK))
                .task(queued("mail", "java.util.concurrent.FutureTask@2", "com.acme.Mail$Send", NOW - 2 * STUCK, SUBMITTED))
                .build();

        assertThat(detect(s)).filteredOn(f -> "QUEUED".equals(f.state())).singleElement()
                .satisfies(f -> assertThat(f.executor()).isEqualTo("mail"));
    }

    @Test
    void aTaskALibrarySubmittedNamesTheApplicationsCall() {
        List<String> posted = List.of(
                "java.base/java.util.concurrent.ThreadPoolExecutor.execute(ThreadPoolExecutor.java:1357)",
                "com.google.common.eventbus.Subscriber.dispatchEvent(Subscriber.java:67)",
                "com.google.common.eventbus.Dispatcher$PerThreadQueuedDispatcher.dispatch(Dispatcher.java:105)",
                "com.google.common.eventbus.EventBus.post(EventBus.java:279)",
                "com.acme.orders.Orders.place(Orders.java:31)");
        Snapshot s = snapshot()
                .task(queued("bus", "java.util.concurrent.FutureTask@1", "com.google.common.eventbus.Subscriber$$Lambda$9",
                        NOW - 2 * STUCK, posted.toArray(String[]::new)))
                .build();

        assertThat(detect(s)).singleElement().satisfies(f -> assertThat(f.summary())
                .endsWith(", submitted at Subscriber.dispatchEvent(Subscriber.java:67) via Orders.place(Orders.java:31)"));
    }

    @Test
    void queuedJustUnderStuckAfterIsNotReported() {
        Snapshot s = snapshot()
                .task(queued("mail", "java.util.concurrent.FutureTask@1", "com.acme.Mail$Send", NOW - STUCK + 1))
                .build();
        assertThat(detect(s)).isEmpty();
    }
}
