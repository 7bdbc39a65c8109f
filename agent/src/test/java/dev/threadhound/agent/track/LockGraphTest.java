package dev.threadhound.agent.track;

import dev.threadhound.model.LockEdgeRecord;
import dev.threadhound.model.LockOrderGraph;
import dev.threadhound.model.LockRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The slow path and the graph behind it, fed as the bridge feeds them: held locks, their sites, the new lock. */
class LockGraphTest {

    private final LockSites sites = new LockSites();
    private final LockGraph graph = new LockGraph();
    private final LockOrderRecorder recorder = new LockOrderRecorder(graph, sites);

    /** A site in this class at {@code line}, naming the lock {@code name}; returns the number the bridge passes. */
    private int site(int line, String name, boolean shared) {
        int number = sites.reserve();
        sites.fill(number, new LockSite(LockGraphTest.class.getName(), "takeLocks", "LockGraphTest.java", line,
                name, name == null ? 0 : name.contains(" in ") ? 1 : 2));
        return LockSites.passed(number, shared, false);
    }

    private boolean take(Object lock, int site, Object[] held, int... heldSites) {
        return recorder.acquiring(held, heldSites, held.length, lock, site);
    }

    private static LockEdgeRecord edge(LockOrderGraph g, long from, long to) {
        return g.edges().stream().filter(e -> e.held() == from && e.acquired() == to).findFirst().orElseThrow();
    }

    private static long id(LockOrderGraph g, String name) {
        return g.locks().stream().filter(l -> name.equals(l.name())).findFirst().map(LockRecord::id).orElseThrow();
    }

    @Test
    void anEdgeFromEachHeldLockWithTheOtherExclusiveOnesAsGatesIntersectedOverChains() {
        Object bank = new Object();
        Object audit = new Object();
        Object a = new Object();
        Object b = new Object();
        int bankSite = site(10, "Bank.this", false);
        int auditSite = site(11, "Audit.log", true);
        int aSite = site(12, "Ledger.a", false);
        int bSite = site(13, "Ledger.b", false);

        assertThat(take(b, bSite, new Object[] {bank, audit, a}, bankSite, auditSite, aSite)).isTrue();
        assertThat(take(a, aSite, new Object[] {bank, b}, bankSite, bSite)).isTrue();
        LockOrderGraph all = graph.exportWithParked();
        long bankId = id(all, "Bank.this");
        assertThat(all.edges()).as("bank, audit and a to b; bank and b to a").hasSize(5);
        assertThat(edge(all, id(all, "Ledger.a"), id(all, "Ledger.b")).gates())
                .as("the read lock is no gate: other readers hold it too").containsExactly(bankId);
        assertThat(edge(all, bankId, id(all, "Ledger.b")).gates()).containsExactly(id(all, "Ledger.a"));

        assertThat(graph.cyclicPart().edges()).as("a<->b, both under Bank.this (the detector rules it out)").hasSize(2);

        take(b, bSite, new Object[] {a}, aSite);
        assertThat(edge(graph.exportWithParked(), id(all, "Ledger.a"), id(all, "Ledger.b")).gates())
                .as("made once without the gate: no gate").isEmpty();
    }

    @Test
    void anEdgeKnowsItsFirstThreadAndHowManyMadeIt() throws Exception {
        Object a = new Object();
        Object b = new Object();
        int aSite = site(20, "Ledger.a", false);
        int bSite = site(21, "Ledger.b", false);
        take(b, bSite, new Object[] {a}, aSite);
        take(b, bSite, new Object[] {a}, aSite);
        assertThat(graph.exportWithParked().edges()).singleElement().satisfies(e -> {
            assertThat(e.thread()).isEqualTo(Thread.currentThread().getName());
            assertThat(e.threadCount()).isEqualTo(1);
        });
        Thread other = new Thread(() -> take(b, bSite, new Object[] {a}, aSite), "other");
        other.start();
        other.join();
        assertThat(graph.exportWithParked().edges()).singleElement().satisfies(e -> {
            assertThat(e.thread()).isEqualTo(Thread.currentThread().getName());
            assertThat(e.threadCount()).isEqualTo(2);
        });
    }

    @Test
    void theStacksSayWhereEachLockWasTaken() {
        Object a = new Object();
        Object b = new Object();
        take(b, site(31, "Ledger.b", false), new Object[] {a}, site(30, "Ledger.a", false));

        LockEdgeRecord e = graph.exportWithParked().edges().get(0);
        assertThat(e.heldAt().get(0)).isEqualTo(LockGraphTest.class.getName() + ".takeLocks(LockGraphTest.java:30)");
        assertThat(e.acquiredAt().get(0)).as("the current stack, from below the agent's own frames")
                .contains(LockGraphTest.class.getName() + ".take(");
        assertThat(e.firstSeen()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(10_000L));
    }

    @Test
    void aLockGetsTheBestNameASiteGivesIt() {
        Object a = new Object();
        Object b = new Object();
        take(b, site(41, null, false), new Object[] {a}, site(40, "from in Ledger.transfer", false));
        take(b, site(42, "Ledger.b", false), new Object[] {a}, site(43, "Ledger.a", false));
        take(b, site(44, "to in Ledger.transfer", false), new Object[] {a}, site(45, "x in Ledger.refund", false));

        assertThat(graph.exportWithParked().locks()).extracting(LockRecord::name).containsExactly("Ledger.a", "Ledger.b");
        assertThat(graph.exportWithParked().locks().get(0).identity()).startsWith("java.lang.Object@");
    }

    @Test
    void deadLocksAndTheirEdgesGoButAnEdgeOnACycleStays() throws Exception {
        int aSite = site(50, "a", false);
        int bSite = site(51, "b", false);
        // held until the edges are counted: a collection in between would take them, as it should
        List<Object> alive = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Object held = new Object();
            Object taken = new Object();
            alive.add(held);
            alive.add(taken);
            take(taken, bSite, new Object[] {held}, aSite);
        }
        Object[] cycle = {new Object(), new Object()};
        take(cycle[1], bSite, new Object[] {cycle[0]}, aSite);
        take(cycle[0], aSite, new Object[] {cycle[1]}, bSite);
        assertThat(graph.edgeCount()).as("the others wait on their leaf locks").isEqualTo(2);
        assertThat(graph.exportWithParked().edges()).hasSize(102);
        assertThat(graph.cyclicPart().edges()).hasSize(2);

        alive = null;
        cycle = null;
        awaitCollected(() -> {
            graph.cyclicPart();
            return graph.edgeCount() == 2 && graph.nodeCount() == 0;
        });
        assertThat(graph.cyclicPart().edges()).as("the cycle outlives its locks").hasSize(2);
    }

    @Test
    void aFullGraphTakesNoNewEdgeUntilDeadLocksMakeRoom() throws Exception {
        int aSite = site(60, "a", false);
        int bSite = site(61, "b", false);
        int sinkSite = site(62, "sink", false);
        Object hub = new Object();
        Object sink = new Object();
        // every lock below is held while another is taken: no edge waits on a leaf, each is in the graph
        take(new Object(), aSite, new Object[] {sink}, sinkSite);
        List<Object> kept = new ArrayList<>();
        int taken = 0;
        while (taken < LockGraph.MAX_EDGES) {
            Object lock = new Object();
            kept.add(lock);
            if (!take(sink, sinkSite, new Object[] {lock}, bSite) || !take(lock, bSite, new Object[] {hub}, aSite)) {
                break;
            }
            taken++;
        }
        assertThat(taken).as("two edges per lock").isBetween(LockGraph.MAX_EDGES / 2 - 2, LockGraph.MAX_EDGES / 2);
        assertThat(graph.wasFull()).isTrue();
        assertThat(graph.edgeCount()).isLessThanOrEqualTo(LockGraph.MAX_EDGES);
        assertThat(graph.nodeCount()).isLessThanOrEqualTo(LockGraph.MAX_EDGES);

        kept.subList(0, 1_000).clear();
        awaitCollected(() -> {
            graph.cyclicPart();
            return graph.edgeCount() < LockGraph.MAX_EDGES - 900;
        });
        Object another = new Object();
        assertThat(take(sink, sinkSite, new Object[] {another}, bSite)).isTrue();
        assertThat(take(another, bSite, new Object[] {hub}, aSite)).isTrue();
        kept.clear();
    }

    private static void awaitCollected(java.util.function.BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 100 && !done.getAsBoolean(); i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(done.getAsBoolean()).as("collected locks and their edges are gone").isTrue();
    }

    @Test
    void anEdgeThatClosesACycleHasTheStacksOfItsOwnPathNotThoseOfAnEarlierEdgeMadeAtTheSameSites() {
        // a library's two sites (a logger taking its appender) reached from two callers, with two loggers
        Object auditLogger = new Object();
        Object rootLogger = new Object();
        Object appender = new Object();
        int loggerSite = site(30, "Category.this", false);
        int appenderSite = site(31, "Appender.this", false);
        auditPath(auditLogger, appender, loggerSite, appenderSite);
        take(rootLogger, loggerSite, new Object[] {appender}, appenderSite);
        webPath(rootLogger, appender, loggerSite, appenderSite);

        LockOrderGraph all = graph.exportWithParked();
        LockEdgeRecord closing = all.edges().stream()
                .filter(e -> all.locks().stream().anyMatch(l -> l.id() == e.held() && l.identity().equals(identity(rootLogger))))
                .findFirst().orElseThrow();
        assertThat(closing.acquiredAt()).anyMatch(f -> f.contains(".webPath(")).noneMatch(f -> f.contains(".auditPath("));
    }

    private void auditPath(Object logger, Object appender, int loggerSite, int appenderSite) {
        take(appender, appenderSite, new Object[] {logger}, loggerSite);
    }

    private void webPath(Object logger, Object appender, int loggerSite, int appenderSite) {
        take(appender, appenderSite, new Object[] {logger}, loggerSite);
    }

    private static String identity(Object lock) {
        return lock.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(lock));
    }

    @Test
    void edgesIntoLocksNeverHeldWhileTakingAnotherWaitOnThemAndJoinTheGraphOnceTheyAre() {
        // a cache's eviction lock takes the monitor of each entry it evicts: thousands of leaves, none on a cycle
        Object eviction = new Object();
        int evictionSite = site(40, "Cache.evictionLock", false);
        int entrySite = site(41, "node", false);
        for (int i = 0; i < 1_000; i++) {
            take(new Object(), entrySite, new Object[] {eviction}, evictionSite);
        }
        assertThat(graph.edgeCount()).as("the edges wait on their entries, not in the graph").isZero();
        assertThat(graph.exportWithParked().edges()).hasSizeGreaterThan(0);

        // an entry that is then held while the eviction lock is taken: the parked edge joins, and closes a cycle
        Object entry = new Object();
        take(entry, entrySite, new Object[] {eviction}, evictionSite);
        assertThat(graph.cyclicPart().edges()).isEmpty();
        take(eviction, evictionSite, new Object[] {entry}, entrySite);
        assertThat(graph.edgeCount()).isEqualTo(2);
        assertThat(graph.cyclicPart().edges()).hasSize(2);
    }
}
