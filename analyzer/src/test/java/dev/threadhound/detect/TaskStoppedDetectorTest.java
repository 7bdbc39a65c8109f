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

class TaskStoppedDetectorTest {

    private static final DetectOptions OPTIONS = DetectOptions.defaults();
    private static final List<String> SCHEDULED_AT = List.of(
            "java.base/java.util.concurrent.ScheduledThreadPoolExecutor.scheduleAtFixedRate(ScheduledThreadPoolExecutor.java:632)",
            "com.acme.Quotes.start(Quotes.java:23)", "com.acme.Main.main(Main.java:9)");
    private static final TaskRecord.Failure MALFORMED = new TaskRecord.Failure(
            "java.lang.IllegalStateException: malformed quote for ACME",
            List.of("com.acme.Quotes.refresh(Quotes.java:28)",
                    "java.base/java.util.concurrent.FutureTask.runAndReset(FutureTask.java:305)"));

    private final TaskStoppedDetector detector = new TaskStoppedDetector();

    private static TaskRecord stopped(String executor, String identity, long agoMillis) {
        return new TaskRecord(executor, identity, "com.acme.Quotes$$Lambda/0x0000000801001", TaskState.STOPPED,
                SCHEDULED_AT, 17, NOW - agoMillis, MALFORMED);
    }

    @Test
    void aPeriodicTaskThatThrewIsReportedWithWhereItWasScheduledAndWhatItThrew() {
        List<Finding> findings = detector.detect(snapshot().task(stopped("quotes-refresher", "ScheduledFutureTask@1", 12_000))
                .build(), OPTIONS);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.TASK_STOPPED);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.executor()).isEqualTo("quotes-refresher");
            assertThat(f.submittedAt()).isEqualTo(SCHEDULED_AT);
            assertThat(f.exception()).isEqualTo(MALFORMED.exception());
            assertThat(f.at()).isEqualTo(MALFORMED.at());
            assertThat(f.count()).isEqualTo(1);
            assertThat(f.summary()).isEqualTo("periodic task Quotes$$Lambda scheduled at Quotes.start(Quotes.java:23)"
                    + " on executor quotes-refresher stopped 12s ago and will never run again: its run threw"
                    + " IllegalStateException: malformed quote for ACME at Quotes.refresh(Quotes.java:28) (its scheduler"
                    + " cancels a periodic task that throws, and keeps the exception in the task's future)");
        });
    }

    @Test
    void tasksThatStoppedTheSameWayAreOneFindingAndOtherStatesAreNone() {
        List<Finding> findings = detector.detect(snapshot()
                .task(stopped("quotes-refresher", "ScheduledFutureTask@1", 30_000))
                .task(stopped("quotes-refresher", "ScheduledFutureTask@2", 5_000))
                .task(new TaskRecord("quotes-refresher", "ScheduledFutureTask@3", "com.acme.Heartbeat",
                        TaskState.SCHEDULED, SCHEDULED_AT, -1, NOW - 60_000))
                .build(), OPTIONS);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(2);
            assertThat(f.summary()).startsWith("2 periodic tasks Quotes$$Lambda scheduled at Quotes.start(Quotes.java:23)"
                    + " on executor quotes-refresher stopped (the latest 5s ago) and will never run again: a run threw");
        });
    }
}
