package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.ExecutorKind;
import dev.threadhound.model.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.threadhound.detect.ExecutorBuilder.executor;
import static dev.threadhound.detect.SnapshotBuilder.NOW;
import static dev.threadhound.detect.SnapshotBuilder.queued;
import static dev.threadhound.detect.SnapshotBuilder.running;
import static dev.threadhound.detect.SnapshotBuilder.snapshot;
import static dev.threadhound.detect.ThreadBuilder.thread;
import static org.assertj.core.api.Assertions.assertThat;

class StarvationDeadlockDetectorTest {

    private static final DetectOptions OPTIONS = DetectOptions.defaults();
    private static final long STUCK = OPTIONS.stuckAfterMillis();
    private static final String FUTURE = "java.util.concurrent.FutureTask@";

    private final StarvationDeadlockDetector detector = new StarvationDeadlockDetector();

    private List<Finding> detect(Snapshot snapshot) {
        return detector.detect(snapshot, OPTIONS);
    }

    /** A worker of {@code pool} inside a task that waits on the future {@code waitsOn}. */
    private static ThreadBuilder workerWaitingOn(long id, String pool, String waitsOn, long stalled) {
        return thread(id, pool + "-" + id).waiting().stack(Stacks.WORKER_IN_FUTURE_GET).executor(pool)
                .blockedOn(waitsOn).stalledFor(stalled);
    }

    @Test
    void everyWorkerWaitingOnATaskQueuedBehindItInTheSamePoolIsAStarvationDeadlockAtOnce() {
        Snapshot s = snapshot()
                .executor(executor("orders").bounded(2, 2, 2, 21L, 22L).queueCapacity(100))
                .thread(workerWaitingOn(21, "orders", FUTURE + "a1", 0))
                .thread(workerWaitingOn(22, "orders", FUTURE + "a2", 0))
                .task(running("orders", FUTURE + "p1", "com.acme.Orders$Place", 21, NOW))
                .task(running("orders", FUTURE + "p2", "com.acme.Orders$Place", 22, NOW))
                .task(queued("orders", FUTURE + "a1", "com.acme.Orders$Audit", NOW))
                .task(queued("orders", FUTURE + "a2", "com.acme.Orders$Audit", NOW))
                .build();

        assertThat(detect(s)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.STARVATION_DEADLOCK);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.executor()).isEqualTo("orders");
            assertThat(f.cycle()).containsExactly("orders-21", "orders-22");
            assertThat(f.threads()).extracting(FindingThread::blockedOn).containsExactly(FUTURE + "a1", FUTURE + "a2");
            assertThat(f.summary()).isEqualTo("starvation deadlock: every worker of executor orders"
                    + " (orders-21, orders-22) waits in FutureTask.get at Orders.place(Orders.java:33) on FutureTask"
                    + " for a task queued behind it in the same pool; 2 queued tasks can never start");
        });
    }

    @Test
    void aPoolWithAnUnboundedQueueNeverGrowsPastItsCoreSoItStarvesBelowItsMaximum() {
        Snapshot s = snapshot()
                .executor(executor("orders").bounded(8, 1, 1, 21L))
                .thread(workerWaitingOn(21, "orders", FUTURE + "a1", 0))
                .task(queued("orders", FUTURE + "a1", "com.acme.Orders$Audit", NOW))
                .build();
        assertThat(detect(s)).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
    }

    @Test
    void aPoolThatCanStillGrowIsNoStarvation() {
        Snapshot s = snapshot()
                .executor(executor("orders").bounded(8, 1, 1, 21L).queueCapacity(1))
                .thread(workerWaitingOn(21, "orders", FUTURE + "a1", 10 * STUCK))
                .task(queued("orders", FUTURE + "a1", "com.acme.Orders$Audit", NOW))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void oneWorkerStillFreeToRunTheQueueIsNoStarvation() {
        Snapshot s = snapshot()
                .executor(executor("orders").bounded(2, 2, 1, 21L, 22L).queueCapacity(100))
                .thread(workerWaitingOn(21, "orders", FUTURE + "a1", 10 * STUCK))
                .thread(thread(22, "orders-22").runnable().stack(Stacks.WORKER_COMPUTING).executor("orders"))
                .task(queued("orders", FUTURE + "a1", "com.acme.Orders$Audit", NOW))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void workersWaitingOnFuturesThatAreNotQueuedAnywhereAreOnlyLikelyStarvedOnceStuck() {
        SnapshotBuilder builder = snapshot()
                .executor(executor("reports").bounded(2, 2, 5, 31L, 32L).queueCapacity(100))
                .task(queued("reports", FUTURE + "q1", "com.acme.Reports$Part", NOW));

        Snapshot early = builder
                .thread(thread(31, "reports-31").waiting().stack(Stacks.WORKER_IN_LATCH_AWAIT).executor("reports")
                        .blockedOn("java.util.concurrent.CountDownLatch$Sync@1").stalledFor(STUCK - 1))
                .thread(workerWaitingOn(32, "reports", "java.util.concurrent.CompletableFuture$Signaller@2", STUCK))
                .build();
        assertThat(detect(early)).isEmpty();

        Snapshot late = snapshot()
                .executor(executor("reports").bounded(2, 2, 5, 31L, 32L).queueCapacity(100))
                .thread(thread(31, "reports-31").waiting().stack(Stacks.WORKER_IN_LATCH_AWAIT).executor("reports")
                        .stalledFor(STUCK + 5_000))
                .thread(workerWaitingOn(32, "reports", "java.util.concurrent.CompletableFuture$Signaller@2", STUCK))
                .build();
        assertThat(detect(late)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.executor()).isEqualTo("reports");
            assertThat(f.cycle()).containsExactly("reports-31", "reports-32");
            assertThat(f.summary()).startsWith("likely starvation deadlock: every worker of executor reports"
                    + " (reports-31, reports-32) has waited for 30s in CountDownLatch.await at"
                    + " Reports.build(Reports.java:71)").endsWith("while 5 tasks sit queued in the same pool");
        });
    }

    @Test
    void aLikelyStarvationNamesWhatIsQueuedSoThatAHungTaskWithHousekeepingBehindItCanBeToldApart() {
        Snapshot s = snapshot()
                .executor(executor("ForkJoinPool.commonPool").bounded(1, 1, 1, 51L).queueCapacity(100))
                .task(queued("ForkJoinPool.commonPool", "com.github.benmanes.caffeine.cache.BoundedLocalCache$PerformCleanupTask@7",
                        "com.github.benmanes.caffeine.cache.BoundedLocalCache$PerformCleanupTask", NOW))
                .thread(thread(51, "ForkJoinPool.commonPool-worker-1").waiting().stack(Stacks.WORKER_IN_LATCH_AWAIT)
                        .executor("ForkJoinPool.commonPool").blockedOn("java.util.concurrent.CountDownLatch$Sync@1")
                        .stalledFor(STUCK + 4_000))
                .build();
        assertThat(detect(s)).singleElement().satisfies(f -> assertThat(f.summary())
                .endsWith("while 1 task (BoundedLocalCache$PerformCleanupTask) sits queued in the same pool"));
    }

    @Test
    void workersStuckOnSomethingThatIsNotOtherWorkAreNotStarvation() {
        Snapshot s = snapshot()
                .executor(executor("io").bounded(1, 1, 3, 41L).queueCapacity(100))
                .thread(thread(41, "io-41").waiting().stack(Stacks.CONSUMER_TAKE).executor("io")
                        .blockedOn("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@5")
                        .stalledFor(10 * STUCK))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void twoPoolsWhoseWorkersWaitOnTasksQueuedInTheOtherAreOneStarvationDeadlock() {
        Snapshot s = snapshot()
                .executor(executor("front").bounded(1, 1, 1, 1L).queueCapacity(10))
                .executor(executor("back").bounded(1, 1, 1, 2L).queueCapacity(10))
                .thread(workerWaitingOn(1, "front", FUTURE + "b", 0))
                .thread(workerWaitingOn(2, "back", FUTURE + "f", 0))
                .task(queued("back", FUTURE + "b", "com.acme.Back$Job", NOW))
                .task(queued("front", FUTURE + "f", "com.acme.Front$Job", NOW))
                .build();

        assertThat(detect(s)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.executor()).isEqualTo("back");
            assertThat(f.cycle()).containsExactly("back-2", "front-1");
            assertThat(f.summary()).isEqualTo("starvation deadlock: every worker of executor back (1 worker)"
                    + " waits for a task queued in front; every worker of executor front (1 worker) waits for a task"
                    + " queued in back; none of them can ever start");
        });
    }

    @Test
    void aPoolWaitingOnAPoolThatCanStillRunItsQueueIsNoDeadlock() {
        Snapshot s = snapshot()
                .executor(executor("front").bounded(1, 1, 1, 1L).queueCapacity(10))
                .executor(executor("back").bounded(2, 2, 1, 2L, 3L).queueCapacity(10))
                .thread(workerWaitingOn(1, "front", FUTURE + "b", 0))
                .thread(workerWaitingOn(2, "back", FUTURE + "f", 0))
                .thread(thread(3, "back-3").runnable().stack(Stacks.WORKER_COMPUTING).executor("back"))
                .task(queued("back", FUTURE + "b", "com.acme.Back$Job", NOW))
                .task(queued("front", FUTURE + "f", "com.acme.Front$Job", NOW))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void aHealthyBusyPoolIsNoStarvation() {
        Snapshot s = snapshot()
                .executor(executor("pricing").bounded(2, 2, 40, 51L, 52L).queueCapacity(100))
                .thread(thread(51, "pricing-51").runnable().stack(Stacks.WORKER_COMPUTING).executor("pricing"))
                .thread(thread(52, "pricing-52").runnable().stack(Stacks.WORKER_COMPUTING).executor("pricing"))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void aWorkerMissingFromTheSnapshotLeavesThePoolUnjudged() {
        Snapshot s = snapshot()
                .executor(executor("orders").bounded(2, 2, 1, 21L, 22L).queueCapacity(100))
                .thread(workerWaitingOn(21, "orders", FUTURE + "a1", 10 * STUCK))
                .task(queued("orders", FUTURE + "a1", "com.acme.Orders$Audit", NOW))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void aForkJoinPoolBelowItsBoundMayStillCompensate() {
        Snapshot s = snapshot()
                .executor(executor("fj").kind(ExecutorKind.FORK_JOIN).bounded(256, 1, 1, 21L))
                .thread(workerWaitingOn(21, "fj", FUTURE + "a1", 10 * STUCK))
                .task(queued("fj", FUTURE + "a1", "com.acme.Orders$Audit", NOW))
                .build();
        assertThat(detect(s)).isEmpty();
    }
}
