package dev.threadhound.prove;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProofTest {

    private static final String CONDITION = ReachabilityTest.CONDITION;

    private static FindingThread thread(long id, String name) {
        return FindingThread.of(ThreadRecord.of(id, name, "WAITING", ReachabilityTest.TAKE));
    }

    private static Finding leakedThread(int count, FindingThread... threads) {
        return Finding.of(FindingType.LEAKED_THREAD, Severity.WARNING, "thread consumer waiting for 40s in LinkedBlockingQueue.take")
                .threads(List.of(threads)).durationMs(40_000).count(count).build();
    }

    private static Map<Long, Verdict> verdicts(Verdict... verdicts) {
        return java.util.Arrays.stream(verdicts).collect(java.util.stream.Collectors.toMap(Verdict::threadId, v -> v));
    }

    private static List<Finding> annotate(List<Finding> findings, Map<Long, Verdict> verdicts) {
        return Proof.annotate(findings, t -> verdicts.get(t.id()));
    }

    @Test
    void aProvenLeakIsCriticalAndSaysNothingCanWakeIt() {
        Finding f = annotate(List.of(leakedThread(1, thread(7, "consumer"))),
                verdicts(Verdict.proven(7, CONDITION))).get(0);

        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.proven()).isTrue();
        assertThat(f.keptBy()).isNull();
        assertThat(f.summary()).startsWith("thread consumer waiting for 40s")
                .endsWith("; proven: nothing that can still run reaches the AbstractQueuedSynchronizer$ConditionObject"
                        + " it waits on, so nothing can ever wake it");
    }

    @Test
    void aReachableWaitKeepsItsSeverityAndNamesWhoCouldWakeIt() {
        List<String> chain = List.of("RareEvents.AUDIT", "LinkedBlockingQueue.notEmpty", "AbstractQueuedSynchronizer$ConditionObject");
        Finding f = annotate(List.of(leakedThread(1, thread(7, "audit-writer"))),
                verdicts(Verdict.reachable(7, CONDITION, chain))).get(0);

        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.proven()).isFalse();
        assertThat(f.keptBy()).isEqualTo(chain);
        assertThat(f.summary()).endsWith("; not proven: still reachable from RareEvents.AUDIT");
    }

    @Test
    void aGroupIsProvenOnlyWhenEveryThreadIs() {
        Finding group = leakedThread(2, thread(7, "a"), thread(8, "b"));

        assertThat(annotate(List.of(group), verdicts(Verdict.proven(7, CONDITION))).get(0)).isSameAs(group);
        assertThat(annotate(List.of(group), verdicts(Verdict.proven(7, CONDITION), Verdict.proven(8, CONDITION)))
                .get(0).proven()).isTrue();
        assertThat(annotate(List.of(group), verdicts(Verdict.proven(7, CONDITION),
                Verdict.reachable(8, CONDITION, List.of("Jobs.QUEUE")))).get(0).proven()).isFalse();
    }

    @Test
    void aGroupLargerThanItsListIsNotProvenByTheThreadsItShows() {
        Finding group = leakedThread(40, thread(7, "a"));

        assertThat(annotate(List.of(group), verdicts(Verdict.proven(7, CONDITION))).get(0)).isSameAs(group);
    }

    @Test
    void otherTypesAndQueuedTasksAreLeftAsTheyAre() {
        Finding deadlock = Finding.of(FindingType.DEADLOCK, Severity.CRITICAL, "deadlock").threads(List.of(thread(7, "a"))).build();
        Finding queued = Finding.of(FindingType.LEAKED_TASK, Severity.WARNING, "task queued")
                .threads(List.of(thread(7, "a"))).state("QUEUED").build();

        assertThat(annotate(List.of(deadlock, queued), verdicts(Verdict.proven(7, CONDITION))))
                .containsExactly(deadlock, queued);
    }

    @Test
    void aProvenLeakMovesAheadOfTheWarnings() {
        Finding contention = Finding.of(FindingType.CONTENTION, Severity.WARNING, "hot lock").build();
        Finding leak = leakedThread(1, thread(7, "consumer"));

        List<Finding> out = annotate(List.of(contention, leak), verdicts(Verdict.proven(7, CONDITION)));

        assertThat(out).extracting(Finding::type).containsExactly(FindingType.LEAKED_THREAD, FindingType.CONTENTION);
    }

    @Test
    void aHeapDumpReportsOnlyItsProvenThreadsGroupedByWhereTheyWait() {
        ThreadRecord a = ThreadRecord.of(7, "consumer-1", "WAITING", ReachabilityTest.TAKE);
        ThreadRecord b = ThreadRecord.of(8, "consumer-2", "WAITING", ReachabilityTest.TAKE);
        ThreadRecord c = ThreadRecord.of(9, "audit-writer", "WAITING", ReachabilityTest.TAKE.subList(0, 3));
        Snapshot snapshot = Snapshot.ofThreads(1_000, List.of(a, b, c));

        List<Finding> findings = ProvenLeaks.of(snapshot, verdicts(Verdict.proven(7, CONDITION), Verdict.proven(8, CONDITION),
                Verdict.reachable(9, CONDITION, List.of("RareEvents.AUDIT"))));

        assertThat(ProvenLeaks.candidates(snapshot)).containsExactly(7L, 8L, 9L);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.proven()).isTrue();
            assertThat(f.count()).isEqualTo(2);
            assertThat(f.summary()).isEqualTo("2 threads (consumer-1, ...) waiting in LinkedBlockingQueue.take at"
                    + " Audit.run(Audit.java:20) can never be woken: nothing that can still run reaches the"
                    + " AbstractQueuedSynchronizer$ConditionObject it waits on");
        });
    }
}
