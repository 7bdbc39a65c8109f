package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.TaskRecord;
import dev.threadhound.model.TaskState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.threadhound.detect.SnapshotBuilder.NOW;
import static dev.threadhound.detect.SnapshotBuilder.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

class TaskPileUpDetectorTest {

    private static final DetectOptions OPTIONS = DetectOptions.defaults();
    private static final long STUCK = OPTIONS.stuckAfterMillis();
    /** Where commons-pool2 2.12 schedules a pool's evictor on its one shared scheduler, for a pool made per call. */
    private static final List<String> EVICTOR_SCHEDULED = List.of(
            "org.apache.commons.pool2.impl.EvictionTimer.schedule(EvictionTimer.java:233)",
            "org.apache.commons.pool2.impl.BaseGenericObjectPool.startEvictor(BaseGenericObjectPool.java:1590)",
            "org.apache.commons.pool2.impl.GenericObjectPool.<init>(GenericObjectPool.java:136)",
            "redis.clients.jedis.util.Pool.<init>(Pool.java:15)",
            "redis.clients.jedis.JedisPool.<init>(JedisPool.java:400)",
            "com.acme.Sessions.cache(Sessions.java:27)");

    private final TaskPileUpDetector detector = new TaskPileUpDetector();

    /** {@code count} periodic tasks first seen from {@code oldestAgo} to now, evenly spread. */
    private static SnapshotBuilder evictors(int count, long oldestAgo) {
        SnapshotBuilder builder = snapshot();
        for (int i = 0; i < count; i++) {
            long seen = NOW - oldestAgo + (count == 1 ? 0 : oldestAgo * i / (count - 1));
            builder.task(new TaskRecord("commons-pool-evictor", "ScheduledFutureTask@" + i,
                    "org.apache.commons.pool2.impl.EvictionTimer$WeakRunner", TaskState.SCHEDULED, EVICTOR_SCHEDULED, -1,
                    seen));
        }
        return builder;
    }

    @Test
    void periodicTasksScheduledPerCallPilingUpOnOneSchedulerAreOneFinding() {
        List<Finding> findings = detector.detect(evictors(12, 4 * STUCK).build(), OPTIONS);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.TASK_PILE_UP);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.count()).isEqualTo(12);
            assertThat(f.executor()).isEqualTo("commons-pool-evictor");
            assertThat(f.submittedAt()).isEqualTo(EVICTOR_SCHEDULED);
            assertThat(f.threads()).isEmpty();
            assertThat(f.summary()).isEqualTo("12 periodic tasks EvictionTimer$WeakRunner scheduled at"
                    + " EvictionTimer.schedule(EvictionTimer.java:233) via Pool.<init>(Pool.java:15)"
                    + " via Sessions.cache(Sessions.java:27) wait for their next run on executor commons-pool-evictor"
                    + " and keep piling up (oldest seen 2m ago, newest 0ms ago): what schedules them is never"
                    + " cancelled or closed");
        });
    }

    @Test
    void upToTheThresholdOrAllSeenTogetherIsNotAPileUp() {
        assertThat(detector.detect(evictors(OPTIONS.pileUp(), 4 * STUCK).build(), OPTIONS)).isEmpty();
        // one per shard, scheduled at start-up: however many, all there from the first look
        assertThat(detector.detect(evictors(64, STUCK - 1).build(), OPTIONS)).isEmpty();
        assertThat(detector.detect(evictors(20, 4 * STUCK).build(), OPTIONS.withPileUp(20))).isEmpty();
    }

    @Test
    void queuedAndRunningTasksAndPeriodicTasksOnSeveralSchedulersAreNoPile() {
        SnapshotBuilder builder = snapshot();
        for (int i = 0; i < 12; i++) {
            long seen = NOW - 4 * STUCK + i * STUCK / 3;
            // one reporter per call, each on its own executor: those executors are the leak
            builder.task(new TaskRecord("reporter-" + i, "ScheduledFutureTask@" + i, "com.acme.Report",
                    TaskState.SCHEDULED, List.of("com.acme.Reports.start(Reports.java:9)"), -1, seen));
            builder.task(new TaskRecord("mail", "FutureTask@" + i, "com.acme.Send", TaskState.QUEUED,
                    List.of("com.acme.Mail.send(Mail.java:12)"), -1, seen));
        }
        assertThat(detector.detect(builder.build(), OPTIONS)).isEmpty();
    }

    @Test
    void schedulersMadePerCallUnderOneNameAreTheirOwnLeakNotAPileButAPileInOneOfThemIsStill() {
        // Micrometer's push registry per call: an executor each, all named alike, one publishing task each
        SnapshotBuilder perCall = snapshot();
        for (int i = 0; i < 20; i++) {
            perCall.executor(ExecutorBuilder.executor("logging-metrics-publisher"));
            perCall.task(new TaskRecord("logging-metrics-publisher", "ScheduledFutureTask@" + i,
                    "io.micrometer.core.instrument.push.PushMeterRegistry$$Lambda/0x01", TaskState.SCHEDULED,
                    List.of("io.micrometer.core.instrument.push.PushMeterRegistry.start(PushMeterRegistry.java:115)",
                            "com.acme.Metrics.record(Metrics.java:43)"), -1, NOW - 4 * STUCK + i * STUCK / 4));
        }
        assertThat(detector.detect(perCall.build(), OPTIONS)).isEmpty();

        SnapshotBuilder shared = evictors(20, 4 * STUCK);
        shared.executor(ExecutorBuilder.executor("commons-pool-evictor"))
                .executor(ExecutorBuilder.executor("commons-pool-evictor"));
        assertThat(detector.detect(shared.build(), OPTIONS)).singleElement()
                .satisfies(f -> assertThat(f.count()).isEqualTo(20));
    }
}
