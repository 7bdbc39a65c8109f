package dev.threadhound.report;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.DeathRecord;
import dev.threadhound.model.ExecutorKind;
import dev.threadhound.model.ExecutorRecord;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Snapshots cross from the agent to the JUnit check as JSON: what a check reads must be what the agent saw. */
class JsonTest {

    @Test
    void aSnapshotWithDeathsStartTimesAndLocksReadsBackTheSame() throws Exception {
        ThreadRecord producer = new ThreadRecord(31, "transform", false, true, "WAITING",
                List.of("com.acme.Pipeline.stage(Pipeline.java:52)"),
                "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@4d5d943d", -1, null, 3, 9, 100,
                List.of("com.acme.Pipeline.start(Pipeline.java:30)"), 1, null, 1_700_000_000_000L,
                1_699_999_990_000L, "java.util.concurrent.locks.ReentrantLock$NonfairSync@6d06d69c");
        ExecutorRecord pool = new ExecutorRecord("java.util.concurrent.ThreadPoolExecutor@1", "ingest",
                ExecutorKind.THREAD_POOL, List.of(), 0, false, 1, 0, 1, 0, -1, 0, 0, List.of(), -1, 0, 0, 0, 4);
        DeathRecord death = new DeathRecord(40, "sink", true, null, List.of("com.acme.Pipeline.start(Pipeline.java:31)"),
                1, "java.lang.NullPointerException: boom", List.of("com.acme.Sink.run(Sink.java:22)"),
                1_699_999_995_000L, List.of(new DeathRecord.Wait("java.util.concurrent.locks.ReentrantLock$NonfairSync@6d06d69c",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@7a81197d", "ArrayBlockingQueue.take")));
        Snapshot snapshot = new Snapshot(1_700_000_000_000L, List.of(producer), List.of(), List.of(pool), List.of(),
                List.of(), List.of(death));

        assertThat(Json.readSnapshot(Json.write(snapshot))).isEqualTo(snapshot);
    }

    @Test
    void aSnapshotWrittenBeforeDeathsWereRecordedReadsWithNone() throws Exception {
        String older = "{\"takenAt\":1,\"threads\":[{\"id\":5,\"name\":\"t\",\"state\":\"WAITING\",\"stack\":[],"
                + "\"createdAt\":[]}],\"tasks\":[],\"executors\":[],\"contention\":[],\"pinning\":[]}";

        Snapshot read = Json.readSnapshot(older);

        assertThat(read.deaths()).isEmpty();
        assertThat(read.threads().get(0).startedAt()).isZero();
        assertThat(read.threads().get(0).blockerLock()).isNull();
    }

    @Test
    void aReportListsTheFindingsThatClearedOnlyWhenThereAreSomeAndReadsThemBack() throws Exception {
        Finding active = Finding.of(FindingType.LEAKED_THREAD, Severity.WARNING, "thread audit stuck").build();
        Finding passed = Finding.of(FindingType.LEAKED_TASK, Severity.WARNING, "task Mail.send stuck").build();
        FindingsReport now = FindingsReport.of(Instant.parse("2026-12-05T10:00:00Z"), List.of(active));
        FindingsReport atExit = FindingsReport.of(Instant.parse("2026-12-05T10:00:00Z"), List.of(active),
                List.of(new ClearedFinding("2026-12-05T09:58:00Z", "2026-12-05T09:59:30Z", passed)));

        assertThat(Json.write(now)).doesNotContain("cleared");
        assertThat(Json.readReport(Json.write(now)).cleared()).isEmpty();
        assertThat(Json.write(atExit)).contains("\"cleared\" : [ {", "\"firstSeen\" : \"2026-12-05T09:58:00Z\"");
        assertThat(Json.readReport(Json.write(atExit))).isEqualTo(atExit);
    }
}
