package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.Progress;
import dev.threadhound.model.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static dev.threadhound.detect.ExecutorBuilder.executor;
import static dev.threadhound.detect.SnapshotBuilder.NOW;
import static dev.threadhound.detect.SnapshotBuilder.snapshot;
import static dev.threadhound.detect.SnapshotBuilder.snapshotAt;
import static dev.threadhound.detect.ThreadBuilder.thread;
import static org.assertj.core.api.Assertions.assertThat;

class PoolSaturatedDetectorTest {

    private static final DetectOptions OPTIONS = DetectOptions.defaults();
    private static final long STUCK = OPTIONS.stuckAfterMillis();

    private final PoolSaturatedDetector detector = new PoolSaturatedDetector();

    private List<Finding> detect(Snapshot snapshot) {
        return detector.detect(snapshot, OPTIONS);
    }

    @Test
    void aFullPoolWhoseQueueGrewForStuckAfterIsSaturated() {
        Snapshot s = snapshot()
                .executor(executor("pricing").bounded(2, 2, 250, 51L, 52L).queueCapacity(1000)
                        .saturated(NOW - 45_000, 10))
                .thread(thread(51, "pricing-51").runnable().stack(Stacks.WORKER_COMPUTING).executor("pricing"))
                .thread(thread(52, "pricing-52").runnable().stack(Stacks.WORKER_COMPUTING).executor("pricing"))
                .build();

        assertThat(detect(s)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.POOL_SATURATED);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.executor()).isEqualTo("pricing");
            assertThat(f.queued()).isEqualTo(250);
            assertThat(f.active()).isEqualTo(2);
            assertThat(f.max()).isEqualTo(2);
            assertThat(f.threads()).extracting(FindingThread::name).containsExactly("pricing-51", "pricing-52");
            assertThat(f.summary()).isEqualTo("executor pricing has been saturated for 45s (2/2 workers busy)"
                    + " and its queue grew from 10 to 250 tasks");
        });
    }

    /** JDK 25's virtual-thread scheduler, both workers waiting for work while its counts say busy, two tasks queued. */
    @Test
    void aPoolWithAWorkerParkedOnThePoolItselfWaitsForWorkAndIsNotSaturated() {
        String pool = "java.util.concurrent.ForkJoinPool@18769467";
        Snapshot s = snapshot()
                .executor(executor("VirtualThread.scheduler").identity(pool).bounded(2, 2, 2, 30L, 31L)
                        .saturated(NOW - 2 * STUCK, 1))
                .thread(thread(30, "ForkJoinPool-1-worker-1").timedWaiting().blockedOn(pool)
                        .executor("VirtualThread.scheduler"))
                .thread(thread(31, "ForkJoinPool-1-worker-2").waiting().blockedOn(pool)
                        .executor("VirtualThread.scheduler"))
                .build();
        assertThat(detect(s)).isEmpty();

        Snapshot busy = snapshot()
                .executor(executor("VirtualThread.scheduler").identity(pool).bounded(2, 2, 2, 30L, 31L)
                        .saturated(NOW - 2 * STUCK, 1))
                .thread(thread(30, "ForkJoinPool-1-worker-1").runnable().executor("VirtualThread.scheduler"))
                .thread(thread(31, "ForkJoinPool-1-worker-2").waiting()
                        .blockedOn("java.util.concurrent.locks.ReentrantLock$NonfairSync@5ca1ab1e")
                        .executor("VirtualThread.scheduler"))
                .build();
        assertThat(detect(busy)).as("workers running or waiting on something else").hasSize(1);
    }

    @Test
    void aFullPoolWhoseQueueHoldsSteadyKeepsUp() {
        Snapshot s = snapshot()
                .executor(executor("pricing").bounded(2, 2, 10, 51L, 52L).saturated(NOW - 10 * STUCK, 10))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void saturatedJustUnderStuckAfterIsNotReported() {
        Snapshot s = snapshot()
                .executor(executor("pricing").bounded(2, 2, 250, 51L, 52L).saturated(NOW - STUCK + 1, 10))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void notSaturatedOrUnboundedIsNotReported() {
        Snapshot s = snapshot()
                .executor(executor("idle").bounded(2, 0, 0, 51L, 52L))
                .executor(executor("cached").saturated(NOW - 10 * STUCK, 0))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void saturationCarriedOverSnapshotsIsReportedOnceTheQueueHasGrownForStuckAfter() {
        Snapshot carried = null;
        for (int i = 0; i <= 4; i++) {
            Snapshot next = snapshotAt(NOW + i * 10_000)
                    .executor(executor("pricing").bounded(2, 2, 10 + 20 * i, 51L, 52L).queueCapacity(1000))
                    .build();
            carried = Progress.carry(carried, next);
            if (i < 3) {
                assertThat(detect(carried)).as("after %d s", i * 10).isEmpty();
            }
        }
        assertThat(detect(carried)).singleElement().satisfies(f -> {
            assertThat(f.durationMs()).isEqualTo(40_000L);
            assertThat(f.queued()).isEqualTo(90);
            assertThat(f.summary()).endsWith("queue grew from 10 to 90 tasks");
        });
    }

    @Test
    void aLargePoolWithIdleWorkersNotYetAtTheQueuedWorkIsNotSaturatedButOneCaughtBetweenTasksIs() {
        Snapshot idleWorkers = null;
        Snapshot betweenTasks = null;
        Long[] workers = LongStream.range(100, 164).boxed().toArray(Long[]::new);
        for (int i = 0; i <= 4; i++) {
            idleWorkers = Progress.carry(idleWorkers, snapshotAt(NOW + i * 10_000)
                    .executor(executor("replica").bounded(64, 1, 1 + i, workers).queueCapacity(1000)).build());
            betweenTasks = Progress.carry(betweenTasks, snapshotAt(NOW + i * 10_000)
                    .executor(executor("replica").bounded(64, 63, 10 + 20 * i, workers).queueCapacity(1000)).build());
        }
        assertThat(detect(idleWorkers)).as("1 of 64 busy").isEmpty();
        assertThat(detect(betweenTasks)).as("63 of 64 busy, the queue growing").singleElement()
                .satisfies(f -> assertThat(f.durationMs()).isEqualTo(40_000L));
    }
}
