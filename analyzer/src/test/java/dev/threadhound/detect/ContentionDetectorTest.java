package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.ContentionRecord;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContentionDetectorTest {

    private static final List<String> SITE = List.of("com.acme.Ledger.post(Ledger.java:42)", "com.acme.Api.pay(Api.java:7)");

    @Test
    void aLockWaitedOnLongEnoughIsAFindingWithItsEvidence() {
        ThreadRecord blocked = ThreadRecord.of(31, "worker-1", "BLOCKED", List.of(SITE.get(0), SITE.get(1)));
        ThreadRecord running = ThreadRecord.of(32, "worker-2", "RUNNABLE", List.of(SITE.get(0)));
        Snapshot s = snapshot(List.of(blocked, running), new ContentionRecord("com.acme.Ledger", "monitor", SITE, 3_200, 412, 8));

        List<Finding> findings = new ContentionDetector().detect(s, DetectOptions.defaults());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.CONTENTION);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.lock()).isEqualTo("com.acme.Ledger");
            assertThat(f.site()).isEqualTo(SITE);
            assertThat(f.durationMs()).isEqualTo(3_200);
            assertThat(f.count()).isEqualTo(412);
            assertThat(f.threadCount()).isEqualTo(8);
            assertThat(f.summary()).isEqualTo("8 threads waited 3.2 s in total for the monitor of com.acme.Ledger at com.acme.Ledger.post(Ledger.java:42) (412 waits)");
            assertThat(f.threads()).extracting(t -> t.name()).containsExactly("worker-1");
        });
    }

    @Test
    void smallTotalsAreInfoAndTotalsBelowTheMinimumAreNoFinding() {
        Snapshot s = snapshot(List.of(),
                new ContentionRecord("java.util.concurrent.locks.ReentrantLock", "park", SITE, 600, 20, 2),
                new ContentionRecord("com.acme.Quiet", "monitor", SITE, 499, 20, 2));

        List<Finding> findings = new ContentionDetector().detect(s, DetectOptions.defaults());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.lock()).isEqualTo("java.util.concurrent.locks.ReentrantLock");
        });
    }

    @Test
    void theOverflowKeyIsNoLock() {
        Snapshot s = snapshot(List.of(), new ContentionRecord("other", "park", List.of(), 60_000, 9_000, 40));

        assertThat(new ContentionDetector().detect(s, DetectOptions.defaults())).isEmpty();
    }

    private static Snapshot snapshot(List<ThreadRecord> threads, ContentionRecord... records) {
        return Snapshot.ofThreads(1_000, threads).withContention(List.of(records), List.of());
    }
}
