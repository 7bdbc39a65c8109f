package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.LockOrderEdge;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.LockOrderGraph;
import dev.threadhound.model.Snapshot;
import dev.threadhound.report.Json;
import dev.threadhound.report.LockOrderText;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.threadhound.detect.LockGraphBuilder.graph;
import static dev.threadhound.detect.SnapshotBuilder.snapshot;
import static dev.threadhound.detect.ThreadBuilder.thread;
import static org.assertj.core.api.Assertions.assertThat;

/** Lock-order cycles on hand-made graphs: what is a potential deadlock, and what only looks like one. */
class PotentialDeadlockDetectorTest {

    private final PotentialDeadlockDetector detector = new PotentialDeadlockDetector();

    private List<Finding> detect(LockGraphBuilder graph) {
        return detect(snapshot().lockOrder(graph).build());
    }

    private List<Finding> detect(Snapshot snapshot) {
        return detector.detect(snapshot, DetectOptions.defaults());
    }

    private static LockGraphBuilder accounts() {
        return graph().lock(1, "Ledger$Account", "Ledger.accountA").lock(2, "Ledger$Account", "Ledger.accountB");
    }

    @Test
    void twoThreadsTakingTwoLocksInOppositeOrdersAreAPotentialDeadlock() {
        Snapshot s = snapshot()
                .thread(thread(11, "transfer-1").waiting().createdAt("app//com.acme.Main.start(Main.java:3)"))
                .lockOrder(accounts()
                        .edge(1, 2, 11, "transfer-1", "Ledger.transfer")
                        .edge(2, 1, 12, "refund-1", "Ledger.refund"))
                .build();

        assertThat(detect(s)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.POTENTIAL_DEADLOCK);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.summary()).isEqualTo("lock-order cycle, a deadlock when these run at once:"
                    + " Ledger.transfer takes Ledger.accountB (Ledger$Account@1b6d3502) while holding"
                    + " Ledger.accountA (Ledger$Account@1b6d3501) (thread transfer-1);"
                    + " Ledger.refund takes Ledger.accountA (Ledger$Account@1b6d3501) while holding"
                    + " Ledger.accountB (Ledger$Account@1b6d3502) (thread refund-1)");
            assertThat(f.lockOrder()).extracting(LockOrderEdge::held, LockOrderEdge::acquired, LockOrderEdge::thread)
                    .as("in cycle order, the edge that closed it last").containsExactly(
                            org.assertj.core.groups.Tuple.tuple("Ledger.accountA (com.acme.Ledger$Account@1b6d3501)",
                                    "Ledger.accountB (com.acme.Ledger$Account@1b6d3502)", "transfer-1"),
                            org.assertj.core.groups.Tuple.tuple("Ledger.accountB (com.acme.Ledger$Account@1b6d3502)",
                                    "Ledger.accountA (com.acme.Ledger$Account@1b6d3501)", "refund-1"));
            assertThat(f.lockOrder().get(0).heldAt()).first().asString().contains("Ledger.transfer(Ledger.java:11)");
            assertThat(f.lockOrder().get(0).acquiredAt()).first().asString().contains("Ledger.transfer(Ledger.java:22)");
            assertThat(f.threads()).extracting(FindingThread::name).containsExactly("transfer-1", "refund-1");
            assertThat(f.threads().get(0).stack()).as("the stack at the second lock")
                    .isEqualTo(f.lockOrder().get(0).acquiredAt());
            assertThat(f.threads().get(0).state()).isEqualTo("WAITING");
            assertThat(f.threads().get(0).createdAt()).containsExactly("app//com.acme.Main.start(Main.java:3)");
            assertThat(f.threads().get(1).state()).as("a thread no longer alive").isEqualTo("TERMINATED");
        });
    }

    @Test
    void theCycleIsToldLikeLockdepBothChainsAndTheInterleaving() {
        Finding f = detect(accounts()
                .edge(1, 2, 11, "transfer-1", "Ledger.transfer")
                .edge(2, 1, 12, "refund-1", "Ledger.refund")).get(0);

        assertThat(LockOrderText.lines(f)).containsExactly(
                "1. \"transfer-1\" took Ledger.accountA (Ledger$Account@1b6d3501) at Ledger.transfer(Ledger.java:11),"
                        + " then Ledger.accountB (Ledger$Account@1b6d3502) at Ledger.transfer(Ledger.java:22)",
                "2. \"refund-1\" took Ledger.accountB (Ledger$Account@1b6d3502) at Ledger.refund(Ledger.java:12),"
                        + " then Ledger.accountA (Ledger$Account@1b6d3501) at Ledger.refund(Ledger.java:21)",
                "deadlock when they run at once: 1 holds Ledger.accountA while 2 holds Ledger.accountB;"
                        + " then 1 waits for Ledger.accountB, 2 waits for Ledger.accountA, forever");
    }

    @Test
    void aCycleWhoseEdgesWereAllMadeHoldingOneGateLockCannotClose() {
        LockGraphBuilder gated = accounts().lock(9, "Bank", "Bank.this")
                .edge(9, 1, 11, "transfer-1", "Bank.transfer")
                .edge(9, 2, 11, "transfer-1", "Bank.transfer")
                .edge(1, 2, 11, "transfer-1", "Ledger.transfer", 9)
                .edge(9, 2, 12, "refund-1", "Bank.refund")
                .edge(2, 1, 12, "refund-1", "Ledger.refund", 9);

        assertThat(detect(gated)).as("both paths hold Bank.this: only one is ever inside").isEmpty();
        assertThat(detect(accounts()
                .edge(1, 2, 11, "transfer-1", "Ledger.transfer", 9)
                .edge(2, 1, 12, "refund-1", "Ledger.refund", 8).lock(8, "Audit", "Audit.this").lock(9, "Bank", "Bank.this")))
                .as("different locks held around each path gate nothing").hasSize(1);
    }

    @Test
    void twoEdgesOfALongerCycleSharingAGateAreEnoughToRuleItOut() {
        LockGraphBuilder threeLocks = graph().lock(1, "Node", "a").lock(2, "Node", "b").lock(3, "Node", "c")
                .lock(9, "Bank", "Bank.this");

        assertThat(detect(threeLocks
                .edge(1, 2, 11, "t1", "Walk.ab", 9)
                .edge(2, 3, 12, "t2", "Walk.bc", 9)
                .edge(3, 1, 13, "t3", "Walk.ca")))
                .as("t1 and t2 would both hold Bank.this while waiting: not all three can wait at once").isEmpty();
    }

    @Test
    void aGatedShortcutDoesNotHideALongerCycleThatCanClose() {
        LockGraphBuilder g = graph().lock(1, "Node", "a").lock(2, "Node", "b").lock(3, "Node", "c")
                .lock(9, "Bank", "Bank.this")
                .edge(1, 2, 11, "t1", "Walk.ab", 9)
                .edge(2, 1, 12, "t2", "Walk.ba", 9)
                .edge(2, 3, 13, "t3", "Walk.bc")
                .edge(3, 1, 14, "t4", "Walk.ca");

        assertThat(detect(g)).singleElement().satisfies(f -> assertThat(f.lockOrder())
                .extracting(LockOrderEdge::thread).containsExactlyInAnyOrder("t1", "t3", "t4"));
    }

    @Test
    void lockCouplingAlongAListInOneDirectionIsNoCycle() {
        // hand over hand along a list of nodes of the same class, named by the same field: one lock per instance
        LockGraphBuilder list = graph();
        for (long i = 1; i <= 6; i++) {
            list.lock(i, "LinkedList$Node", "Node.next");
        }
        for (long i = 1; i < 6; i++) {
            list.edge(i, i + 1, 11, "walker-1", "LinkedList.walk");
            list.edge(i, i + 1, 12, "walker-2", "LinkedList.walk");
        }
        assertThat(detect(list)).isEmpty();

        LockGraphBuilder tree = graph().lock(1, "Tree", "root").lock(2, "Tree", "left").lock(3, "Tree", "right")
                .lock(4, "Tree", "left.left")
                .edge(1, 2, 11, "t1", "Tree.descend").edge(1, 3, 12, "t2", "Tree.descend")
                .edge(2, 4, 11, "t1", "Tree.descend");
        assertThat(detect(tree)).as("top-down through a tree").isEmpty();
    }

    @Test
    void aCycleMadeByOneThreadAloneIsReportedSayingSo() {
        List<Finding> findings = detect(accounts()
                .edge(1, 2, 1, "main", "Ledger.transfer")
                .edge(2, 1, 1, "main", "Ledger.refund"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.summary()).endsWith("; seen on one thread only (main), which cannot deadlock with itself,"
                    + " but the same paths on two threads can");
            assertThat(f.threads()).extracting(FindingThread::name).containsExactly("main", "main");
        });
        assertThat(detect(accounts()
                .edge(1, 2, 1, "main", 2, "Ledger.transfer")
                .edge(2, 1, 1, "main", "Ledger.refund")).get(0).summary())
                .as("an edge another thread made too").doesNotContain("one thread only");
    }

    @Test
    void aMonitorUsedOnlyToWaitAndNotifyAddsNoEdgeAndSoNoCycle() {
        // What the agent records for a consumer that waits on `signal` (wait() releases it: no lock is taken while it
        // waits, and the monitor it takes back on waking was on its stack all along) and a producer that notifies it
        // while holding `data`: one edge, data -> signal.
        LockGraphBuilder g = graph().lock(1, "Queue", "Queue.data").lock(2, "Object", "Queue.signal")
                .edge(1, 2, 11, "producer", "Queue.put");

        assertThat(detect(g)).isEmpty();
    }

    @Test
    void aCycleThatHasAlreadyDeadlockedIsTheDeadlockFindingsNotThisOnes() {
        Snapshot s = snapshot()
                .thread(thread(11, "transfer-1").blocked().blockedOn("com.acme.Ledger$Account@1b6d3502").heldBy(12, "refund-1"))
                .thread(thread(12, "refund-1").blocked().blockedOn("com.acme.Ledger$Account@1b6d3501").heldBy(11, "transfer-1"))
                .lockOrder(accounts()
                        .edge(1, 2, 11, "transfer-1", "Ledger.transfer")
                        .edge(2, 1, 12, "refund-1", "Ledger.refund"))
                .build();

        assertThat(detect(s)).isEmpty();
        assertThat(new DeadlockDetector().detect(s, DetectOptions.defaults())).hasSize(1);
    }

    @Test
    void aCycleThatDeadlockedLaterOnOtherThreadsIsTheDeadlockFindingsToo() {
        // the first transfer and refund took the accounts in their orders safely; the second pair met
        Snapshot s = snapshot()
                .thread(thread(21, "transfer-2").blocked().blockedOn("com.acme.Ledger$Account@1b6d3502").heldBy(22, "refund-2")
                        .stack(List.of("app//com.acme.Ledger.transfer(Ledger.java:22)", "app//com.acme.Main.run(Main.java:5)")))
                .thread(thread(22, "refund-2").blocked().blockedOn("com.acme.Ledger$Account@1b6d3501").heldBy(21, "transfer-2")
                        .stack(List.of("app//com.acme.Ledger.refund(Ledger.java:21)", "app//com.acme.Main.run(Main.java:5)")))
                .lockOrder(accounts()
                        .edge(1, 2, 11, "transfer-1", "Ledger.transfer")
                        .edge(2, 1, 12, "refund-1", "Ledger.refund"))
                .build();

        assertThat(detect(s)).isEmpty();
        assertThat(new DeadlockDetector().detect(s, DetectOptions.defaults())).hasSize(1);
    }

    @Test
    void eachDistinctCycleIsReportedOnceInTheOrderTheyClosed() {
        LockGraphBuilder g = graph().lock(1, "Cache", "Cache.index").lock(2, "Cache", "Cache.entries")
                .lock(3, "Log", "Log.buffer").lock(4, "Log", "Log.file")
                .edge(3, 4, 21, "flusher", "Log.flush")
                .edge(1, 2, 11, "reader", "Cache.get")
                .edge(4, 3, 22, "rotator", "Log.rotate")
                .edge(2, 1, 12, "evictor", "Cache.evict");

        assertThat(detect(g)).extracting(f -> f.lockOrder().get(1).thread())
                .as("the log's cycle closed first").containsExactly("rotator", "evictor");
    }

    @Test
    void theCyclicPartKeepsOnlyEdgesOnSomeCycle() {
        LockOrderGraph g = graph().lock(1, "A", "a").lock(2, "B", "b").lock(3, "C", "c").lock(4, "D", "d")
                .edge(1, 2, 11, "t", "X.m").edge(2, 1, 12, "u", "X.n")
                .edge(2, 3, 11, "t", "X.m").edge(3, 4, 11, "t", "X.m")
                .build();

        LockOrderGraph cyclic = g.cyclicPart();
        assertThat(cyclic.edges()).extracting(e -> e.held() + "->" + e.acquired()).containsExactly("1->2", "2->1");
        assertThat(cyclic.locks()).extracting(l -> l.id()).containsExactly(1L, 2L);
        assertThat(graph().lock(1, "A", "a").build().cyclicPart().hasEdges()).isFalse();
    }

    @Test
    void theGraphTravelsInTheSnapshotJson() throws Exception {
        Snapshot s = snapshot().lockOrder(accounts()
                .edge(1, 2, 11, "transfer-1", "Ledger.transfer", 7)
                .edge(2, 1, 12, "refund-1", "Ledger.refund")).build();

        Snapshot read = Json.readSnapshot(Json.write(s));
        assertThat(read.lockOrder()).isEqualTo(s.lockOrder());
        assertThat(Json.readSnapshot(Json.write(snapshot().build()).replace("\"lockOrder\"", "\"ignored\""))
                .lockOrder()).as("a snapshot from a source without lock order").isEqualTo(LockOrderGraph.EMPTY);
    }

    @Test
    void anEdgeMadeWhileItsThreadWasStillConstructingOneOfItsLocksCannotDeadlock() {
        // H2: the database's monitor taken under the system session's lock while the database is built, the other
        // order when the last session closes it; nobody else can reach a database before its constructor returns
        LockGraphBuilder building = graph().lock(1, "Database", "Schema.database").lock(2, "ReentrantLock", "Session.lock")
                .edge(2, 1, 11, "client-0", "Database.<init>")
                .edge(1, 2, 12, "client-7", "Database.removeSession");
        assertThat(detect(building)).isEmpty();

        LockGraphBuilder running = graph().lock(1, "Database", "Schema.database").lock(2, "ReentrantLock", "Session.lock")
                .edge(2, 1, 11, "client-0", "Database.checkpoint")
                .edge(1, 2, 12, "client-7", "Database.removeSession");
        assertThat(detect(running)).as("the same order once the database is running").hasSize(1);
    }

    @Test
    void edgesMadeInsideALibraryNameTheApplicationsCallIntoIt() {
        // log4j 1.2: a message whose toString logs, written by an appender shared with the root logger
        List<String> audit = List.of(
                "app//org.apache.log4j.Category.callAppenders(Category.java:204)",
                "app//org.apache.log4j.Category.info(Category.java:666)",
                "app//com.acme.Order.toString(Order.java:36)",
                "app//org.apache.log4j.spi.LoggingEvent.getRenderedMessage(LoggingEvent.java:313)",
                "app//org.apache.log4j.AppenderSkeleton.doAppend(AppenderSkeleton.java:251)",
                "app//org.apache.log4j.Category.callAppenders(Category.java:206)",
                "app//com.acme.Audit.record(Audit.java:41)");
        List<String> web = List.of(
                "app//org.apache.log4j.AppenderSkeleton.doAppend(AppenderSkeleton.java:231)",
                "app//org.apache.log4j.Category.callAppenders(Category.java:206)",
                "app//org.apache.log4j.Category.info(Category.java:666)",
                "app//com.acme.Web.handle(Web.java:42)");
        LockGraphBuilder g = graph().lock(1, "RollingFileAppender", "AppenderSkeleton.this").lock(2, "RootLogger", "c")
                .edge(1, 2, 11, "audit-writer", audit.subList(4, audit.size()), audit)
                .edge(2, 1, 12, "web-handler", web.subList(1, web.size()), web);
        assertThat(detect(g)).singleElement().satisfies(f -> assertThat(f.summary())
                .contains("Category.callAppenders via Order.toString(Order.java:36) takes c",
                        "AppenderSkeleton.doAppend via Web.handle(Web.java:42) takes AppenderSkeleton.this"));
    }
}
