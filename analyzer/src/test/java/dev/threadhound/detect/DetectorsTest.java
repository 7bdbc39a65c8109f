package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.ExecutorKind;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.threadhound.detect.ExecutorBuilder.executor;
import static dev.threadhound.detect.SnapshotBuilder.NOW;
import static dev.threadhound.detect.SnapshotBuilder.snapshot;
import static dev.threadhound.detect.ThreadBuilder.thread;
import static org.assertj.core.api.Assertions.assertThat;

class DetectorsTest {

    private static final DetectOptions OPTIONS = DetectOptions.defaults();
    private static final long LONG_AGO = 10 * OPTIONS.stuckAfterMillis();

    /** What a healthy JVM looks like after an hour: nothing in it is a finding. */
    private static SnapshotBuilder healthyJvm() {
        return snapshot()
                .thread(thread(1, "main").waiting().stack(Stacks.JOINING).stalledFor(LONG_AGO))
                .thread(thread(2, "Reference Handler").runnable().stalledFor(LONG_AGO))
                .thread(thread(3, "Finalizer").waiting().blockedOn("java.lang.ref.ReferenceQueue$Lock@2a4fb17b")
                        .stalledFor(LONG_AGO))
                .thread(thread(4, "Signal Dispatcher").runnable().stalledFor(LONG_AGO))
                .thread(thread(5, "Common-Cleaner").timedWaiting().stack(Stacks.CLEANER_IDLE_JDK25).stalledFor(LONG_AGO))
                .thread(thread(6, "Notification Thread").runnable().stalledFor(LONG_AGO))
                .thread(thread(7, "Attach Listener").runnable().stalledFor(LONG_AGO))
                .thread(thread(8, "threadhound-loop").waiting().stack(Stacks.CONSUMER_TAKE).stalledFor(LONG_AGO))
                .thread(thread(9, "JFR Periodic Tasks").waiting().stalledFor(LONG_AGO))
                .thread(thread(20, "pool-1-thread-1").waiting().stack(Stacks.POOL_WORKER_IDLE_JDK17).executor("pool-1")
                        .stalledFor(LONG_AGO))
                .thread(thread(21, "ForkJoinPool.commonPool-worker-1").waiting().stack(Stacks.COMMON_POOL_IDLE_JDK17)
                        .executor("ForkJoinPool.commonPool").stalledFor(LONG_AGO))
                .thread(thread(22, "ForkJoinPool.commonPool-worker-2").timedWaiting()
                        .stack(Stacks.COMMON_POOL_IDLE_JDK25).executor("ForkJoinPool.commonPool").stalledFor(LONG_AGO))
                .thread(thread(23, "ticker-1").timedWaiting().stack(Stacks.SCHEDULED_WORKER_BETWEEN_TICKS)
                        .executor("ticker").stalledFor(LONG_AGO))
                .thread(thread(24, "HTTP-Dispatcher").runnable().stack(Stacks.HTTP_SERVER_DISPATCHER_IDLE)
                        .stalledFor(LONG_AGO))
                .thread(thread(25, "consumer").waiting().stack(Stacks.CONSUMER_TAKE).stalledFor(1_000))
                .executor(executor("pool-1").bounded(4, 0, 0, 20L).createdAt("com.acme.App.init(App.java:10)")
                        .createdAtMillis(NOW - LONG_AGO).idleSince(NOW - LONG_AGO))
                .executor(executor("ForkJoinPool.commonPool").kind(ExecutorKind.FORK_JOIN).bounded(3, 0, 0, 21L, 22L)
                        .idleSince(NOW - LONG_AGO))
                .executor(executor("ticker").kind(ExecutorKind.SCHEDULED).bounded(1, 0, 0, 23L)
                        .idleSince(NOW - LONG_AGO));
    }

    @Test
    void aHealthyJvmHasNoFindings() {
        assertThat(Detectors.run(healthyJvm().build(), OPTIONS, Detectors.standard())).isEmpty();
    }

    @Test
    void aShutdownHookHoldingTheExitIsToldAsThatAloneNotAlsoAsALeakedThread() {
        Snapshot exiting = snapshot()
                .thread(ExitBlockedDetectorTest.runningTheHooks(1, "DestroyJavaVM", LONG_AGO))
                .thread(ExitBlockedDetectorTest.exitInAHook(LONG_AGO))
                .build();

        assertThat(Detectors.run(exiting, OPTIONS, Detectors.standard())).singleElement()
                .satisfies(f -> assertThat(f.type()).isEqualTo(FindingType.EXIT_BLOCKED));
    }

    @Test
    void standardHasOneDetectorPerTypeItCovers() {
        assertThat(Detectors.standard()).hasSize(15);
        SnapshotBuilder s = healthyJvm()
                .thread(thread(30, "a").blocked().blockedOn("java.lang.Object@1").heldBy(31, "b"))
                .thread(thread(31, "b").blocked().blockedOn("java.lang.Object@2").heldBy(30, "a"))
                .thread(thread(32, "stage").waiting().stack(Stacks.PIPELINE_PUT).stalledFor(LONG_AGO))
                .thread(thread(40, "orders-40").waiting().stack(Stacks.WORKER_IN_FUTURE_GET).executor("orders")
                        .blockedOn("java.util.concurrent.FutureTask@f1").stalledFor(LONG_AGO))
                .task(SnapshotBuilder.queued("orders", "java.util.concurrent.FutureTask@f1", "com.acme.Audit",
                        NOW - LONG_AGO))
                .executor(executor("orders").bounded(1, 1, 1, 40L).queueCapacity(10).saturated(NOW - LONG_AGO, 0))
                .lockOrder(LockGraphBuilder.graph().lock(1, "Ledger", "Ledger.a").lock(2, "Ledger", "Ledger.b")
                        .edge(1, 2, 50, "t1", "Ledger.transfer").edge(2, 1, 51, "t2", "Ledger.refund"));
        for (int i = 0; i < 3; i++) {
            s.executor(executor("leak-" + i).createdAt("com.acme.Handler.handle(Handler.java:40)")
                    .createdAtMillis(NOW - LONG_AGO + i * 20_000).idleSince(NOW - LONG_AGO));
        }

        List<Finding> findings = Detectors.run(s.build(), OPTIONS, Detectors.standard());

        // the starved worker belongs to its STARVATION_DEADLOCK: the task it runs is not reported again, the task
        // queued behind it is
        assertThat(findings).extracting(Finding::type).containsExactly(
                FindingType.DEADLOCK, FindingType.STARVATION_DEADLOCK, FindingType.LEAKED_THREAD,
                FindingType.LEAKED_TASK, FindingType.LEAKED_EXECUTOR, FindingType.POOL_SATURATED,
                FindingType.POTENTIAL_DEADLOCK);
        assertThat(findings.get(3).state()).isEqualTo("QUEUED");
    }

    /**
     * Two carriers kept busy by a burst of virtual threads (JDK 25, 200,000 of them interrupted at once): the JDK
     * reports each carrier waiting on the virtual thread it runs, at {@code Continuation.run}, with the same counts
     * cycle after cycle, while the scheduler's queue holds tens of thousands of virtual threads ready to run. That is
     * work going on, not a stuck task or a starved pool.
     */
    @Test
    void carriersRunningVirtualThreadsAreNotStuckWhateverTheSchedulerHasQueued() {
        SnapshotBuilder s = healthyJvm()
                .executor(executor("VirtualThread.scheduler").kind(ExecutorKind.FORK_JOIN)
                        .bounded(2, 2, 92_806, 41L, 42L).saturated(NOW - LONG_AGO, 90_000));
        for (long id = 41; id <= 42; id++) {
            s.thread(thread(id, "ForkJoinPool-1-worker-" + (id - 40)).waiting().stack(Stacks.CARRIER_RUNNING)
                    .blockedOn("java.lang.VirtualThread@4277127" + id).executor("VirtualThread.scheduler")
                    .stalledFor(LONG_AGO));
            s.task(SnapshotBuilder.running("VirtualThread.scheduler", null, null, id, NOW - LONG_AGO));
        }

        assertThat(Detectors.run(s.build(), OPTIONS, Detectors.standard()))
                .extracting(Finding::type)
                .doesNotContain(FindingType.LEAKED_TASK, FindingType.STARVATION_DEADLOCK, FindingType.LEAKED_THREAD);
    }

    @Test
    void aThreadInADeadlockOrBlockedBehindOneIsReportedByTheDeadlockOnly() {
        SnapshotBuilder s = healthyJvm()
                .thread(thread(30, "a").blocked().stack(Stacks.monitorEnter("transfer", 20))
                        .blockedOn("com.acme.Account@1").heldBy(31, "b").stalledFor(LONG_AGO))
                .thread(thread(31, "b").blocked().stack(Stacks.monitorEnter("transfer", 20))
                        .blockedOn("com.acme.Account@2").heldBy(30, "a").stalledFor(LONG_AGO))
                // waits for a lock a holds, and another waits for the lock c holds: both behind the cycle
                .thread(thread(32, "c").blocked().stack(Stacks.monitorEnter("audit", 44))
                        .blockedOn("com.acme.Account@1").heldBy(30, "a").stalledFor(LONG_AGO))
                .thread(thread(33, "d").waiting().stack(Stacks.REENTRANT_LOCK)
                        .blockedOn("java.util.concurrent.locks.ReentrantLock$NonfairSync@3").heldBy(32, "c")
                        .stalledFor(LONG_AGO))
                // stuck on its own, nothing to do with the cycle
                .thread(thread(34, "stage").waiting().stack(Stacks.PIPELINE_PUT).stalledFor(LONG_AGO));

        List<Finding> findings = Detectors.run(s.build(), OPTIONS, Detectors.standard());

        assertThat(findings).extracting(Finding::type).containsExactly(FindingType.DEADLOCK, FindingType.LEAKED_THREAD);
        Finding deadlock = findings.get(0);
        assertThat(deadlock.cycle()).containsExactly("a", "b");
        assertThat(deadlock.victims()).extracting(t -> t.name()).containsExactly("c", "d");
        assertThat(deadlock.summary()).endsWith("; 2 more threads are blocked behind it (c, d)");
        assertThat(findings.get(1).threads()).extracting(t -> t.name()).containsExactly("stage");
    }

    @Test
    void requestsPilingUpBehindADeadlockAreItsVictimsNotContentionOnItsLocks() {
        String lock = "java.util.concurrent.locks.ReentrantLock$NonfairSync@";
        Timeline timeline = new Timeline((snapshot, options) -> Detectors.run(snapshot, options, Detectors.standard()),
                OPTIONS);
        List<ThreadRecord> threads = new ArrayList<>();
        threads.add(virtualWaiter(29, lock + "7b", 32));
        threads.add(virtualWaiter(32, lock + "38", 29));
        for (int cycle = 0; cycle < 40; cycle++) {
            // a request a second arrives and waits for one of the two locks, held by the deadlocked pair
            threads.add(virtualWaiter(100 + cycle, cycle % 2 == 0 ? lock + "38" : lock + "7b", cycle % 2 == 0 ? 29 : 32));
            timeline.at(cycle * 1_000L, List.copyOf(threads), List.of());
        }

        List<Finding> last = timeline.seen().get(39);
        assertThat(last).as(last.toString()).extracting(Finding::type).containsExactly(FindingType.DEADLOCK);
        assertThat(last.get(0).victims()).hasSize(40);
    }

    private static ThreadRecord virtualWaiter(long id, String blockedOn, long ownerId) {
        return new ThreadRecord(id, "", true, true, "WAITING", Stacks.REENTRANT_LOCK, blockedOn, ownerId, null, -1, -1, -1,
                List.of("java.base/java.lang.VirtualThread.start(VirtualThread.java:560)",
                        "com.acme.Server.serve(Server.java:76)"), 1, null, 0);
    }

    @Test
    void aLockOrderCycleThatHasDeadlockedIsTheDeadlockOnly() {
        SnapshotBuilder s = healthyJvm()
                .thread(thread(30, "a").blocked().stack(Stacks.monitorEnter("transfer", 20))
                        .blockedOn("com.acme.Account@2").heldBy(31, "b").stalledFor(LONG_AGO))
                .thread(thread(31, "b").blocked().stack(Stacks.monitorEnter("transfer", 20))
                        .blockedOn("com.acme.Account@1").heldBy(30, "a").stalledFor(LONG_AGO))
                .lockOrder(LockGraphBuilder.graph().lock(1, "Account", "from").lock(2, "Account", "to")
                        .edge(1, 2, 30, "a", "Ledger.transfer").edge(2, 1, 31, "b", "Ledger.transfer"));

        assertThat(Detectors.run(s.build(), OPTIONS, Detectors.standard())).extracting(Finding::type)
                .containsExactly(FindingType.DEADLOCK);
    }

    @Test
    void withoutACycleNothingIsClaimed() {
        SnapshotBuilder s = healthyJvm()
                .thread(thread(32, "c").blocked().stack(Stacks.monitorEnter("audit", 44))
                        .blockedOn("com.acme.Account@1").heldBy(34, "stage").stalledFor(LONG_AGO))
                .thread(thread(34, "stage").waiting().stack(Stacks.PIPELINE_PUT).stalledFor(LONG_AGO));

        List<Finding> findings = Detectors.run(s.build(), OPTIONS, Detectors.standard());

        assertThat(findings).extracting(Finding::type).containsOnly(FindingType.LEAKED_THREAD).hasSize(2);
        assertThat(findings).allSatisfy(f -> assertThat(f.victims()).isNull());
    }

    @Test
    void criticalFindingsComeFirstWhateverTheDetectorOrder() {
        Detector warning = (s, o) -> List.of(Finding.of(FindingType.LEAKED_THREAD, Severity.WARNING, "w").build());
        Detector info = (s, o) -> List.of(Finding.of(FindingType.CONTENTION, Severity.INFO, "i").build());
        Detector critical = (s, o) -> List.of(Finding.of(FindingType.DEADLOCK, Severity.CRITICAL, "c").build());

        List<Finding> findings = Detectors.run(snapshot().build(), OPTIONS, List.of(info, warning, critical));

        assertThat(findings).extracting(Finding::summary).containsExactly("c", "w", "i");
    }

    @Test
    void theSameSnapshotGivesTheSameFindingsInTheSameOrder() {
        SnapshotBuilder one = snapshot();
        SnapshotBuilder reversed = snapshot();
        List<ThreadBuilder> threads = List.of(
                thread(3, "c").waiting().stack(Stacks.CONSUMER_TAKE).stalledFor(LONG_AGO),
                thread(1, "a").blocked().blockedOn("java.lang.Object@1").heldBy(2, "b"),
                thread(2, "b").blocked().blockedOn("java.lang.Object@2").heldBy(1, "a"),
                thread(4, "d").waiting().stack(Stacks.PIPELINE_PUT).stalledFor(LONG_AGO));
        threads.forEach(one::thread);
        for (int i = threads.size() - 1; i >= 0; i--) {
            reversed.thread(threads.get(i));
        }
        assertThat(Detectors.run(one.build(), OPTIONS, Detectors.standard()))
                .isEqualTo(Detectors.run(reversed.build(), OPTIONS, Detectors.standard()))
                .hasSize(3);
    }
}
