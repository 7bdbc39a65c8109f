package dev.threadhound.agent.sink;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.Snapshot;
import dev.threadhound.report.ClearedFinding;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FindingHistoryTest {

    private static final long T0 = 1_700_000_000_000L;

    private final FindingHistory history = new FindingHistory();

    private static Finding stuck(String thread, String waitsAt, long durationMs) {
        return Finding.of(FindingType.LEAKED_THREAD, Severity.WARNING, "thread " + thread + " stuck for " + durationMs)
                .threads(List.of(new FindingThread(thread, 7, false, "WAITING", null, null,
                        List.of(waitsAt), List.of("com.acme.Main.main(Main.java:3)"))))
                .durationMs(durationMs).build();
    }

    private void cycle(int second, Finding... findings) {
        history.publish(Snapshot.ofThreads(T0 + second * 1_000L, List.of()), List.of(findings));
    }

    private static String at(int second) {
        return Instant.ofEpochMilli(T0 + second * 1_000L).toString();
    }

    @Test
    void aFindingThatClearedIsKeptAsLastSeenWithWhenItWasFirstAndLastSeen() {
        cycle(0);
        cycle(1, stuck("invoices", "com.acme.Mail.send(Mail.java:40)", 2_000));
        cycle(2, stuck("invoices", "com.acme.Mail.send(Mail.java:40)", 3_000),
                stuck("audit", "com.acme.Audit.flush(Audit.java:12)", 2_000));
        cycle(3, stuck("audit", "com.acme.Audit.flush(Audit.java:12)", 3_000));

        assertThat(history.cleared()).singleElement().satisfies(c -> {
            assertThat(c.finding().summary()).isEqualTo("thread invoices stuck for 3000");
            assertThat(c.firstSeen()).isEqualTo(at(1));
            assertThat(c.lastSeen()).isEqualTo(at(2));
        });
    }

    @Test
    void aFindingThatComesBackIsActiveAgainAndKeepsItsFirstSighting() {
        Finding invoices = stuck("invoices", "com.acme.Mail.send(Mail.java:40)", 2_000);
        cycle(1, invoices);
        cycle(2);
        assertThat(history.cleared()).hasSize(1);
        cycle(3, invoices);
        assertThat(history.cleared()).as("active again").isEmpty();
        cycle(4);
        assertThat(history.cleared()).singleElement().satisfies(c -> {
            assertThat(c.firstSeen()).isEqualTo(at(1));
            assertThat(c.lastSeen()).isEqualTo(at(3));
        });
    }

    @Test
    void onlyTheLatestToClearAreKept() {
        int many = FindingHistory.KEPT + 20;
        for (int i = 0; i < many; i++) {
            cycle(2 * i, stuck("t-" + i, "com.acme.Job.run(Job.java:" + (i + 1) + ")", 2_000));
            cycle(2 * i + 1);
        }
        List<ClearedFinding> cleared = history.cleared();
        assertThat(cleared).hasSize(FindingHistory.KEPT);
        assertThat(cleared.get(0).finding().summary()).startsWith("thread t-20 ");
        assertThat(cleared.get(cleared.size() - 1).finding().summary()).startsWith("thread t-" + (many - 1) + " ");
    }
}
