package dev.threadhound.prove;

import dev.threadhound.model.heap.HeapThread;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReachabilityTest {

    static final String CONDITION = "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject";
    static final List<String> TAKE = List.of(
            "jdk.internal.misc.Unsafe.park(Native Method)",
            "java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)",
            "java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)",
            "com.acme.Audit.run(Audit.java:20)");
    static final List<String> RUNNING = List.of("com.acme.Producer.run(Producer.java:12)");

    private final HandGraph graph = new HandGraph();

    /** A queue whose take() parks on its condition: returns {queue, condition}. */
    private int[] queue() {
        int queue = graph.object("java.util.concurrent.LinkedBlockingQueue");
        int condition = graph.object(CONDITION);
        graph.ref(queue, "notEmpty", condition);
        return new int[] {queue, condition};
    }

    private Map<Long, Verdict> decide(long... ids) {
        List<Long> candidates = java.util.Arrays.stream(ids).boxed().toList();
        return Reachability.decide(graph, candidates, Map.of());
    }

    @Test
    void aConsumerOfAQueueOnlyItsOwnStackHoldsIsProven() {
        int[] q = queue();
        graph.thread(7, "consumer", "WAITING", TAKE, q[1], 2, q[0], 3, q[0]);

        Verdict v = decide(7).get(7L);

        assertThat(v.proven()).isTrue();
        assertThat(v.waitsOn()).isEqualTo(CONDITION);
        assertThat(v.keptBy()).isEmpty();
    }

    @Test
    void aQueueInAStaticFieldKeepsItsConsumerWakeableAndTheChainSaysHow() {
        int[] q = queue();
        graph.staticField("RareEvents.AUDIT", q[0]);
        graph.thread(7, "audit-writer", "WAITING", TAKE, q[1], 2, q[0]);

        Verdict v = decide(7).get(7L);

        assertThat(v.proven()).isFalse();
        assertThat(v.keptBy()).containsExactly("RareEvents.AUDIT", "LinkedBlockingQueue.notEmpty",
                "AbstractQueuedSynchronizer$ConditionObject");
    }

    @Test
    void aThreadThatCanStillRunAndHoldsTheQueueKeepsTheConsumerWakeable() {
        int[] q = queue();
        graph.thread(7, "consumer", "WAITING", TAKE, q[1], 2, q[0]);
        graph.thread(8, "producer", "RUNNABLE", RUNNING, -1, 0, q[0]);

        Verdict v = decide(7).get(7L);

        assertThat(v.proven()).isFalse();
        assertThat(v.keptBy().get(0)).isEqualTo("thread \"producer\" at Producer.run(Producer.java:12)");
    }

    @Test
    void aSleepingThreadWakesByItselfSoItsStackCounts() {
        int[] q = queue();
        graph.thread(7, "consumer", "WAITING", TAKE, q[1]);
        graph.thread(8, "retrier", "TIMED_WAITING", RUNNING, -1, 0, q[0]);

        assertThat(decide(7).get(7L).proven()).isFalse();
    }

    @Test
    void theStuckThreadsOwnThreadObjectIsNoPathToItsBlocker() {
        int[] q = queue();
        HeapThread consumer = graph.thread(7, "consumer", "WAITING", TAKE, q[1], 2, q[0]);
        int group = graph.object("java.lang.ThreadGroup");
        int threads = graph.object("java.lang.Thread[]");
        graph.staticField("ThreadGroup.main", group);
        graph.ref(group, "threads", threads).ref(threads, "[0]", consumer.threadNode());
        graph.ref(consumer.threadNode(), "parkBlocker", q[1]);

        assertThat(decide(7).get(7L).proven()).isTrue();
    }

    @Test
    void aThreadWhoseThreadObjectAPoolStillHoldsCanBeInterruptedSoItIsNotProven() {
        // a task waits on a future nobody holds; its pool, kept in a static field, can shutdownNow() it
        int future = graph.object("java.util.concurrent.CompletableFuture");
        int signaller = graph.object("java.util.concurrent.CompletableFuture$Signaller");
        graph.ref(future, "stack", signaller);
        HeapThread worker = graph.thread(7, "pool-1-thread-1", "WAITING", List.of(
                "jdk.internal.misc.Unsafe.park(Native Method)",
                "java.util.concurrent.CompletableFuture.get(CompletableFuture.java:2073)",
                "com.acme.Task.run(Task.java:20)"), signaller, 2, future);
        int pool = graph.object("java.util.concurrent.ThreadPoolExecutor");
        int slot = graph.object("java.util.concurrent.ThreadPoolExecutor$Worker");
        graph.staticField("Main.pool", pool);
        graph.ref(pool, "workers", slot).ref(slot, "thread", worker.threadNode());

        Verdict v = decide(7).get(7L);

        assertThat(v.proven()).isFalse();
        assertThat(v.keptBy()).containsExactly("Main.pool", "ThreadPoolExecutor.workers", "ThreadPoolExecutor$Worker.thread",
                "Thread");
    }

    @Test
    void aThreadBlockedOnAMonitorOrInAnUninterruptibleWaitIsNotWokenByAnInterrupt() {
        int monitor = graph.object("com.acme.Ledger");
        HeapThread blocked = graph.thread(7, "transfer", "BLOCKED", List.of("com.acme.Ledger.move(Ledger.java:9)"), -1);
        int[] q = queue();
        HeapThread joining = graph.thread(8, "joiner", "WAITING", List.of(
                "jdk.internal.misc.Unsafe.park(Native Method)",
                "java.util.concurrent.CompletableFuture.join(CompletableFuture.java:2117)",
                "com.acme.Joiner.run(Joiner.java:5)"), q[1]);
        int holder = graph.object("com.acme.Registry");
        graph.staticField("Registry.THREADS", holder);
        graph.ref(holder, "transfer", blocked.threadNode()).ref(holder, "joiner", joining.threadNode());

        Map<Long, Verdict> v = Reachability.decide(graph, List.of(7L, 8L), Map.of(7L, "com.acme.Ledger@" + monitor));

        assertThat(v.get(8L).proven()).isTrue();
    }

    @Test
    void aWeakReferenceKeepsNothingAlive() {
        int[] q = queue();
        int weak = graph.object("java.lang.ref.WeakReference");
        graph.staticField("Cache.LAST", weak);
        graph.weakRef(weak, q[0]);
        graph.thread(7, "consumer", "WAITING", TAKE, q[1], 2, q[0]);

        assertThat(decide(7).get(7L).proven()).isTrue();
    }

    @Test
    void threadhoundsOwnReferencesWakeNobody() {
        int[] q = queue();
        int registry = graph.observerObject("dev.threadhound.agent.track.ThreadRegistry");
        graph.staticField("Hooks.probe", registry);
        graph.ref(registry, "task", q[0]);
        graph.thread(7, "consumer", "WAITING", TAKE, q[1], 2, q[0]);
        graph.thread(9, "threadhound-loop", "RUNNABLE", RUNNING, -1, 0, q[0]);

        assertThat(decide(7).get(7L).proven()).isTrue();
    }

    @Test
    void aThreadThatCanBeWokenCanWakeOthers() {
        int[] first = queue();
        int[] second = queue();
        graph.staticField("Jobs.QUEUE", second[0]);
        graph.thread(7, "stage-2", "WAITING", TAKE, first[1], 2, first[0]);
        graph.thread(8, "stage-1", "WAITING", TAKE, second[1], 2, second[0], 3, first[0]);

        Map<Long, Verdict> verdicts = decide(7, 8);

        assertThat(verdicts.get(8L).proven()).isFalse();
        assertThat(verdicts.get(7L).proven()).isFalse();
        assertThat(verdicts.get(7L).keptBy().get(0)).startsWith("thread \"stage-1\"");
    }

    @Test
    void twoThreadsThatOnlyEachOtherCouldWakeAreBothProven() {
        int[] first = queue();
        int[] second = queue();
        graph.thread(7, "a", "WAITING", TAKE, first[1], 2, first[0], 3, second[0]);
        graph.thread(8, "b", "WAITING", TAKE, second[1], 2, second[0], 3, first[0]);

        Map<Long, Verdict> verdicts = decide(7, 8);

        assertThat(verdicts.get(7L).proven()).isTrue();
        assertThat(verdicts.get(8L).proven()).isTrue();
    }

    @Test
    void aBlockedThreadWaitsOnTheMonitorOfTheClassItsThreadDumpNames() {
        int lock = graph.object("com.acme.Ledger$Account");
        int other = graph.object("com.acme.Report");
        graph.staticField("Reports.LAST", other);
        graph.thread(7, "transfer", "BLOCKED", List.of("com.acme.Ledger.transfer(Ledger.java:40)"), -1,
                0, lock, 0, other);

        Map<Long, Verdict> verdicts = Reachability.decide(graph, Set.of(7L), Map.of(7L, "com.acme.Ledger$Account@1b6d3586"));

        assertThat(verdicts.get(7L).proven()).isTrue();
        assertThat(verdicts.get(7L).waitsOn()).isEqualTo("com.acme.Ledger$Account");
    }

    @Test
    void whenSeveralObjectsCouldBeTheMonitorOneReachableIsEnoughToProveNothing() {
        int from = graph.object("com.acme.Ledger$Account");
        int to = graph.object("com.acme.Ledger$Account");
        graph.staticField("Ledger.HOUSE", to);
        graph.thread(7, "transfer", "BLOCKED", List.of("com.acme.Ledger.transfer(Ledger.java:40)"), -1,
                0, from, 0, to);

        Map<Long, Verdict> verdicts = Reachability.decide(graph, Set.of(7L), Map.of(7L, "com.acme.Ledger$Account@1b6d3586"));

        assertThat(verdicts.get(7L).proven()).isFalse();
        assertThat(verdicts.get(7L).keptBy()).containsExactly("Ledger.HOUSE", "Ledger$Account");
    }

    @Test
    void withoutAThreadDumpOnlyTheReceiverOfObjectWaitIsTheMonitor() {
        int monitor = graph.object("com.acme.Mailbox");
        int config = graph.object("com.acme.Config");
        graph.staticField("Config.CURRENT", config);
        graph.thread(7, "mail", "WAITING", List.of(
                "java.lang.Object.wait(Native Method)", "java.lang.Object.wait(Object.java:338)",
                "com.acme.Mailbox.next(Mailbox.java:9)"), -1, 1, monitor, 2, monitor, 2, config);

        Verdict v = decide(7).get(7L);

        assertThat(v.proven()).isTrue();
        assertThat(v.waitsOn()).isEqualTo("com.acme.Mailbox");
    }

    @Test
    void aThreadWaitingOnSomethingTheHeapCannotNameGetsNoVerdictAndCountsAsRunnable() {
        int[] q = queue();
        graph.thread(7, "consumer", "WAITING", TAKE, q[1], 2, q[0]);
        graph.thread(8, "parked", "WAITING", List.of("jdk.internal.misc.Unsafe.park(Native Method)",
                "com.acme.Gate.pass(Gate.java:3)"), -1, 1, q[0]);

        Map<Long, Verdict> verdicts = decide(7, 8);

        assertThat(verdicts).doesNotContainKey(8L);
        assertThat(verdicts.get(7L).proven()).isFalse();
    }

    @Test
    void aThreadThatNoLongerWaitsGetsNoVerdict() {
        int[] q = queue();
        graph.thread(7, "consumer", "RUNNABLE", RUNNING, -1, 0, q[0]);

        assertThat(decide(7)).isEmpty();
    }

    @Test
    void aLongChainShowsItsTwoEnds() {
        int[] q = queue();
        int previous = graph.object("com.acme.Node");
        graph.staticField("List.HEAD", previous);
        for (int i = 0; i < 20; i++) {
            int next = graph.object("com.acme.Node");
            graph.ref(previous, "next", next);
            previous = next;
        }
        graph.ref(previous, "queue", q[0]);
        graph.thread(7, "consumer", "WAITING", TAKE, q[1]);

        List<String> chain = decide(7).get(7L).keptBy();

        assertThat(chain).hasSize(12);
        assertThat(chain.get(0)).isEqualTo("List.HEAD");
        assertThat(chain.get(6)).matches("\\.\\.\\. \\d+ more \\.\\.\\.");
        assertThat(chain.get(11)).isEqualTo("AbstractQueuedSynchronizer$ConditionObject");
    }
}
