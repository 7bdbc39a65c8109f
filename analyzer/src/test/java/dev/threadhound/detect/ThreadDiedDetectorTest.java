package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.DeathRecord;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.TaskRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.threadhound.detect.ExecutorBuilder.executor;
import static dev.threadhound.detect.SnapshotBuilder.NOW;
import static dev.threadhound.detect.SnapshotBuilder.snapshot;
import static dev.threadhound.detect.ThreadBuilder.thread;
import static org.assertj.core.api.Assertions.assertThat;

class ThreadDiedDetectorTest {

    private static final DetectOptions OPTIONS = DetectOptions.defaults();
    private static final long STUCK = OPTIONS.stuckAfterMillis();

    /** The queue's lock: its notEmpty and notFull conditions both belong to it. */
    private static final String QUEUE_LOCK = "java.util.concurrent.locks.ReentrantLock$NonfairSync@6d06d69c";
    private static final String NOT_EMPTY = "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@7a81197d";
    private static final String NOT_FULL = "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@4d5d943d";
    private static final List<String> THROWN_AT = List.of(
            "com.acme.Sink.write(Sink.java:31)",
            "com.acme.Sink.run(Sink.java:22)",
            "java.base/java.lang.Thread.run(Thread.java:840)");
    private static final List<String> SINK_CREATED = List.of(
            "com.acme.Pipeline.start(Pipeline.java:30)", "com.acme.Main.main(Main.java:12)");

    private static DeathRecord sinkDied(long id, String name, long ago, String executor) {
        return new DeathRecord(id, name, true, executor, SINK_CREATED, 1,
                "java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"line\" is null",
                THROWN_AT, NOW - ago,
                List.of(new DeathRecord.Wait(QUEUE_LOCK, NOT_EMPTY, "ArrayBlockingQueue.take")));
    }

    @Test
    void aThreadThatDiedIsAnInfoFindingWithItsExceptionAndWhereItWasThrown() {
        List<Finding> findings = new ThreadDiedDetector().detect(snapshot().death(sinkDied(40, "sink", 12_000, null)).build(), OPTIONS);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.THREAD_DIED);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.exception()).startsWith("java.lang.NullPointerException: Cannot invoke");
            assertThat(f.at()).isEqualTo(THROWN_AT);
            assertThat(f.count()).isEqualTo(1);
            assertThat(f.threads()).singleElement().satisfies(t -> {
                assertThat(t.name()).isEqualTo("sink");
                assertThat(t.state()).isEqualTo("TERMINATED");
                assertThat(t.stack()).isEqualTo(THROWN_AT);
                assertThat(t.createdAt()).isEqualTo(SINK_CREATED);
            });
            assertThat(f.summary()).isEqualTo("thread sink died of NullPointerException: Cannot invoke \"String.length()\""
                    + " because \"line\" is null at Sink.write(Sink.java:31), 12s ago, started at Pipeline.start(Pipeline.java:30)");
        });
    }

    @Test
    void unnamedThreadsThatDiedAreNamedByTheirIds() {
        Snapshot one = snapshot().death(sinkDied(40, "", 2_000, null)).build();
        assertThat(new ThreadDiedDetector().detect(one, OPTIONS)).singleElement()
                .satisfies(f -> assertThat(f.summary()).startsWith("thread #40 died of NullPointerException"));

        Snapshot two = snapshot().death(sinkDied(40, "", 2_000, null)).death(sinkDied(41, "", 1_000, null)).build();
        assertThat(new ThreadDiedDetector().detect(two, OPTIONS)).singleElement()
                .satisfies(f -> assertThat(f.summary()).startsWith("2 threads (#41, #40) died of NullPointerException"));
    }

    @Test
    void threadsThatDiedTheSameWayAreOneFindingAndPoolWorkersAreTheirPoolsBusiness() {
        Snapshot s = snapshot()
                .death(sinkDied(40, "sink-1", 30_000, null))
                .death(sinkDied(41, "sink-2", 2_000, null))
                .death(sinkDied(42, "pool-1-thread-3", 1_000, "ingest"))
                .death(sinkDied(43, "threadhound-loop", 1_000, null))
                .build();

        assertThat(new ThreadDiedDetector().detect(s, OPTIONS)).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(2);
            assertThat(f.summary()).startsWith("2 threads (sink-2, sink-1) died of NullPointerException");
            assertThat(f.summary()).contains(", 2s ago (the latest)");
        });
    }

    @Test
    void aProducerStuckOnTheQueueItsDeadConsumerTookFromSaysSo() {
        Snapshot s = snapshot()
                .thread(thread(31, "transform").waiting().stack(Stacks.PIPELINE_PUT)
                        .blockedOn(NOT_FULL).blockerLock(QUEUE_LOCK).stalledFor(STUCK + 9_000))
                .death(sinkDied(40, "sink", STUCK + 12_000, null))
                .build();

        assertThat(new LeakedThreadDetector().detect(s, OPTIONS)).singleElement().satisfies(f ->
                assertThat(f.summary()).endsWith("on AbstractQueuedSynchronizer$ConditionObject@4d5d943d; its consumer"
                        + " sink died of NullPointerException at Sink.write(Sink.java:31) 3s before it stalled"));
    }

    @Test
    void theOtherConditionOfTheLockMakesTheDeadThreadTheConsumerWhenItsCallWasNotSeen() {
        DeathRecord sink = new DeathRecord(40, "sink", true, null, SINK_CREATED, 1, "java.lang.NullPointerException",
                THROWN_AT, NOW - STUCK - 12_000, List.of(new DeathRecord.Wait(QUEUE_LOCK, NOT_EMPTY, null)));
        Snapshot s = snapshot()
                .thread(thread(31, "transform").waiting().stack(Stacks.PIPELINE_PUT).blockedOn(NOT_FULL)
                        .blockerLock(QUEUE_LOCK).stalledFor(STUCK + 9_000))
                .death(sink)
                .build();

        assertThat(new LeakedThreadDetector().detect(s, OPTIONS)).singleElement().satisfies(f ->
                assertThat(f.summary()).contains("; its consumer sink died of NullPointerException"));

        DeathRecord anotherProducer = new DeathRecord(41, "generate", true, null, SINK_CREATED, 1,
                "java.lang.NullPointerException", THROWN_AT, NOW - STUCK - 12_000,
                List.of(new DeathRecord.Wait(QUEUE_LOCK, NOT_FULL, null)));
        Snapshot same = snapshot()
                .thread(thread(31, "transform").waiting().stack(Stacks.PIPELINE_PUT).blockedOn(NOT_FULL)
                        .blockerLock(QUEUE_LOCK).stalledFor(STUCK + 9_000))
                .death(anotherProducer)
                .build();
        assertThat(new LeakedThreadDetector().detect(same, OPTIONS)).singleElement().satisfies(f ->
                assertThat(f.summary()).contains("; thread generate, which waited on the same lock, died of"));
    }

    @Test
    void aStuckTaskWaitingOnAMonitorADeadThreadWaitedOnSaysSo() {
        String monitor = "com.acme.Mailbox@1b6d3586";
        DeathRecord reader = new DeathRecord(40, "mail-reader", false, null, SINK_CREATED, 1,
                "java.lang.IllegalStateException: closed", List.of("com.acme.Mailbox.read(Mailbox.java:12)"),
                NOW - STUCK - 5_000, List.of(new DeathRecord.Wait(monitor, monitor, "Object.wait")));
        Snapshot s = snapshot()
                .thread(thread(50, "io-1").waiting().stack(Stacks.WORKER_IN_LATCH_AWAIT).executor("io")
                        .blockedOn(monitor).stalledFor(STUCK + 1_000))
                .task(new TaskRecord("io", "FutureTask@1", "com.acme.Reports", dev.threadhound.model.TaskState.RUNNING,
                        List.of("com.acme.Reports.submit(Reports.java:9)"), 50, NOW - STUCK - 1_000))
                .executor(executor("io").workers(50L))
                .death(reader)
                .build();

        assertThat(new LeakedTaskDetector().detect(s, OPTIONS)).singleElement().satisfies(f ->
                assertThat(f.summary()).endsWith("; thread mail-reader, which waited on the same lock in Object.wait,"
                        + " died of IllegalStateException at Mailbox.read(Mailbox.java:12) 4s before it stalled"));
    }

    @Test
    void aDeathOnAnotherLockOrNoDeathAddsNothing() {
        Snapshot other = snapshot()
                .thread(thread(31, "transform").waiting().stack(Stacks.PIPELINE_PUT)
                        .blockedOn("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@4d5d943d")
                        .blockerLock("java.util.concurrent.locks.ReentrantLock$NonfairSync@11111111").stalledFor(STUCK))
                .death(sinkDied(40, "sink", STUCK + 12_000, null))
                .build();

        assertThat(new LeakedThreadDetector().detect(other, OPTIONS)).singleElement()
                .satisfies(f -> assertThat(f.summary()).doesNotContain("died"));
    }
}
