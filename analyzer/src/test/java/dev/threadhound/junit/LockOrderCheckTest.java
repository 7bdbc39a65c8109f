package dev.threadhound.junit;

import dev.threadhound.detect.LockGraphBuilder;
import dev.threadhound.finding.FindingType;
import dev.threadhound.model.LockOrderGraph;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leak check and lock-order cycles, on hand-made snapshots as an agent tracking lock order takes them: the test
 * that closed a cycle fails, naming both chains; a cycle closed before it, or by another test, does not fail it.
 */
class LockOrderCheckTest {

    private static final long TEST_THREAD = 1;
    private static final long OTHER_TEST_THREAD = 2;

    /** Made one millisecond apart from a minute before "now" (see {@link LockGraphBuilder}). */
    private static LockGraphBuilder cycle(long firstThread, long closingThread) {
        return LockGraphBuilder.graph().lock(1, "Ledger$Account", "Ledger.accountA")
                .lock(2, "Ledger$Account", "Ledger.accountB")
                .edge(1, 2, firstThread, "t" + firstThread, "Ledger.transfer")
                .edge(2, 1, closingThread, "t" + closingThread, "Ledger.refund");
    }

    private static Snapshot at(long takenAt, LockOrderGraph graph) {
        List<ThreadRecord> threads = List.of(ThreadRecord.of(TEST_THREAD, "main", "RUNNABLE", List.of()),
                ThreadRecord.of(OTHER_TEST_THREAD, "other", "RUNNABLE", List.of()));
        return new Snapshot(takenAt, threads, List.of(), List.of(), List.of(), List.of()).withLockOrder(graph);
    }

    private static long closedAt(LockGraphBuilder graph) {
        return graph.build().edges().get(1).firstSeen();
    }

    @Test
    void theTestDuringWhichTheCycleClosedFailsNamingBothChains() {
        LockGraphBuilder graph = cycle(TEST_THREAD, TEST_THREAD);
        Snapshot before = at(closedAt(graph) - 1, LockOrderGraph.EMPTY);
        Leaks leaks = new LeakFinder(before, LeakOptions.defaults(), null)
                .find(at(closedAt(graph) + 5, graph.build()), TEST_THREAD, Set.of(), false)
                .failing(LeakOptions.defaults());

        assertThat(leaks.findings()).singleElement().satisfies(f ->
                assertThat(f.type()).isEqualTo(FindingType.POTENTIAL_DEADLOCK));
        assertThat(leaks.settled()).as("nothing to wait for").isTrue();
        String message = LeakReport.text("test transfers()", leaks.findings(), leaks, 1000, true);
        assertThat(message).startsWith("threadhound: test transfers() took locks in an order that can deadlock"
                        + " (1 lock-order cycle)\n")
                .contains("POTENTIAL_DEADLOCK: lock-order cycle", "seen on one thread only (t1)",
                        "1. \"t1\" took Ledger.accountA (Ledger$Account@1b6d3501) at Ledger.transfer(Ledger.java:11)",
                        "2. \"t1\" took Ledger.accountB (Ledger$Account@1b6d3502) at Ledger.refund(Ledger.java:12)",
                        "chain 1, thread \"t1\"", "chain 2, thread \"t1\"",
                        "then Ledger.accountA (com.acme.Ledger$Account@1b6d3501) at:\n      at app//com.acme.Ledger.refund(Ledger.java:21)");
    }

    @Test
    void aCycleClosedBeforeTheTestBeganIsNotItsToAnswerFor() {
        LockGraphBuilder graph = cycle(TEST_THREAD, TEST_THREAD);
        Snapshot before = at(closedAt(graph) + 1, graph.build());

        assertThat(new LeakFinder(before, LeakOptions.defaults(), null)
                .find(at(closedAt(graph) + 5, graph.build()), TEST_THREAD, Set.of(), false).findings()).isEmpty();
    }

    @Test
    void aCycleAnotherTestClosedWhileThisOneRanIsThatTestsToAnswerFor() {
        LockGraphBuilder graph = cycle(TEST_THREAD, OTHER_TEST_THREAD);
        Snapshot before = at(closedAt(graph) - 10, LockOrderGraph.EMPTY);

        assertThat(new LeakFinder(before, LeakOptions.defaults(), null)
                .find(at(closedAt(graph) + 5, graph.build()), TEST_THREAD, Set.of(OTHER_TEST_THREAD), true).findings())
                .isEmpty();
        assertThat(new LeakFinder(before, LeakOptions.defaults(), null)
                .find(at(closedAt(graph) + 5, graph.build()), OTHER_TEST_THREAD, Set.of(TEST_THREAD), true).findings())
                .singleElement().satisfies(f -> assertThat(f.type()).isEqualTo(FindingType.POTENTIAL_DEADLOCK));
    }

    @Test
    void failOnWithoutItLeavesLockOrderAlone() {
        LockGraphBuilder graph = cycle(TEST_THREAD, TEST_THREAD);
        Snapshot before = at(closedAt(graph) - 1, LockOrderGraph.EMPTY);
        LeakOptions leaksOnly = LeakOptions.defaults().failOn(FindingType.LEAKED_THREAD);

        assertThat(new LeakFinder(before, leaksOnly, null).find(at(closedAt(graph) + 5, graph.build()), TEST_THREAD,
                Set.of(), false).failing(leaksOnly).findings()).isEmpty();
    }
}
