package dev.threadhound.agent.sink;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleLogTest {

    private static Finding leakedTasks(int count, long durationMs, String... workers) {
        return Finding.of(FindingType.LEAKED_TASK, Severity.WARNING, count + " tasks stuck for " + durationMs + " ms")
                .executor("fanout-replica")
                .submittedAt(List.of("com.acme.Fanout.query(Fanout.java:24)"))
                .threads(java.util.Arrays.stream(workers)
                        .map(w -> new FindingThread(w, 1, false, "WAITING", null, null, List.of("a.B.c(B.java:1)"), List.of()))
                        .toList())
                .count(count).durationMs(durationMs).build();
    }

    @Test
    void aGrowingGroupIsStillTheSameFinding() {
        assertThat(ConsoleLog.key(leakedTasks(8, 2_000, "w-1", "w-3")))
                .isEqualTo(ConsoleLog.key(leakedTasks(14, 4_000, "w-1", "w-3", "w-5")));
    }

    @Test
    void anotherSiteOrTypeIsAnotherFinding() {
        Finding other = Finding.of(FindingType.LEAKED_TASK, Severity.WARNING, "x").executor("fanout-replica")
                .submittedAt(List.of("com.acme.Other.call(Other.java:9)")).build();
        assertThat(ConsoleLog.key(other)).isNotEqualTo(ConsoleLog.key(leakedTasks(1, 1, "w-1")));
        Finding deadlockAB = Finding.of(FindingType.DEADLOCK, Severity.CRITICAL, "d").cycle(List.of("a", "b")).build();
        Finding deadlockBA = Finding.of(FindingType.DEADLOCK, Severity.CRITICAL, "d").cycle(List.of("b", "a")).build();
        Finding deadlockCD = Finding.of(FindingType.DEADLOCK, Severity.CRITICAL, "d").cycle(List.of("c", "d")).build();
        assertThat(ConsoleLog.key(deadlockAB)).isEqualTo(ConsoleLog.key(deadlockBA)).isNotEqualTo(ConsoleLog.key(deadlockCD));
    }

    @Test
    void aLockOrderCycleIsPrintedOnceWithBothChainsAndTheInterleaving() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            ConsoleLog log = new ConsoleLog();
            Finding cycle = SinkFixtures.potentialDeadlock();
            log.publish(SinkFixtures.smallSnapshot(), List.of(cycle));
            // the same cycle once its threads have ended: still the same finding
            Finding later = Finding.of(cycle.type(), cycle.severity(), cycle.summary()).lockOrder(cycle.lockOrder()).build();
            log.publish(SinkFixtures.smallSnapshot(), List.of(later));
        } finally {
            System.setErr(saved);
        }
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "threadhound: WARNING POTENTIAL_DEADLOCK: " + SinkFixtures.potentialDeadlock().summary(),
                "threadhound:   1. \"payer-1\" took Ledger.from (Account@1b6d3586) at Ledger.transfer(Ledger.java:42),"
                        + " then Ledger.to (Account@4554617c) at Ledger.transfer(Ledger.java:44)",
                "threadhound:   2. \"refunds\" took Ledger.to (Account@4554617c) at Ledger.refund(Ledger.java:59),"
                        + " then Ledger.from (Account@1b6d3586) at Ledger.refund(Ledger.java:61)",
                "threadhound:   deadlock when they run at once: 1 holds Ledger.from while 2 holds Ledger.to;"
                        + " then 1 waits for Ledger.to, 2 waits for Ledger.from, forever");
    }
}
