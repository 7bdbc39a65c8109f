package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.PinningRecord;
import dev.threadhound.model.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PinnedVirtualThreadDetectorTest {

    private static final List<String> CLINIT = List.of("com.acme.Template.<clinit>(Template.java:9)");
    private static final List<String> CACHE = List.of("com.acme.Cache.refresh(Cache.java:20)");

    @Test
    void everyPinningSiteIsAFindingLongestFirst() {
        Snapshot s = Snapshot.ofThreads(1_000, List.of())
                .withContention(List.of(), List.of(new PinningRecord(CACHE, 120, 4), new PinningRecord(CLINIT, 5_300, 176)));

        List<Finding> findings = new PinnedVirtualThreadDetector().detect(s, DetectOptions.defaults());

        assertThat(findings).extracting(Finding::type).containsOnly(FindingType.PINNED_VIRTUAL_THREAD);
        assertThat(findings).extracting(Finding::site).containsExactly(CLINIT, CACHE);
        assertThat(findings).extracting(Finding::severity).containsExactly(Severity.WARNING, Severity.INFO);
        assertThat(findings.get(0).durationMs()).isEqualTo(5_300);
        assertThat(findings.get(0).count()).isEqualTo(176);
        assertThat(findings.get(0).summary())
                .isEqualTo("virtual threads blocked while pinned to their carrier 176 times, 5.3 s in total at com.acme.Template.<clinit>(Template.java:9)");
    }

    @Test
    void noPinningNoFinding() {
        assertThat(new PinnedVirtualThreadDetector().detect(Snapshot.ofThreads(1_000, List.of()), DetectOptions.defaults())).isEmpty();
    }
}
