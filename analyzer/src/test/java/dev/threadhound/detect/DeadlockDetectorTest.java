package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.threadhound.detect.SnapshotBuilder.snapshot;
import static dev.threadhound.detect.ThreadBuilder.thread;
import static org.assertj.core.api.Assertions.assertThat;

class DeadlockDetectorTest {

    private final DeadlockDetector detector = new DeadlockDetector();

    private List<Finding> detect(Snapshot snapshot) {
        return detector.detect(snapshot, DetectOptions.defaults());
    }

    @Test
    void twoThreadsEachHoldingTheMonitorTheOtherWantsAreADeadlockAtOnce() {
        Snapshot s = snapshot()
                .thread(thread(32, "worker-2").blocked().stack(Stacks.monitorEnter("credit", 60))
                        .blockedOn("java.lang.Object@7a81197d").heldBy(31, "worker-1").stalledFor(1))
                .thread(thread(31, "worker-1").blocked().stack(Stacks.monitorEnter("debit", 42))
                        .blockedOn("java.lang.Object@1b6d3586").heldBy(32, "worker-2").stalledFor(1))
                .build();

        assertThat(detect(s)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.DEADLOCK);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.cycle()).containsExactly("worker-1", "worker-2");
            assertThat(f.summary()).isEqualTo("deadlock: worker-1 waits at Ledger.debit(Ledger.java:42) for"
                    + " java.lang.Object@1b6d3586 held by worker-2, which waits at Ledger.credit(Ledger.java:60) for"
                    + " java.lang.Object@7a81197d held by worker-1");
            assertThat(f.threads()).extracting(FindingThread::name).containsExactly("worker-1", "worker-2");
            assertThat(f.threads()).extracting(FindingThread::blockedOn)
                    .containsExactly("java.lang.Object@1b6d3586", "java.lang.Object@7a81197d");
            assertThat(f.threads()).extracting(FindingThread::ownedBy).containsExactly("worker-2", "worker-1");
            assertThat(f.threads().get(0).stack()).first().asString().contains("Ledger.debit");
        });
    }

    @Test
    void threeThreadsWaitingOnReentrantLocksInACycleAreOneDeadlockStartingAtTheLowestId() {
        String lock = "java.util.concurrent.locks.ReentrantLock$NonfairSync@";
        Snapshot s = snapshot()
                .thread(thread(12, "b").waiting().stack(Stacks.REENTRANT_LOCK).blockedOn(lock + "2").heldBy(13, "c"))
                .thread(thread(13, "c").waiting().stack(Stacks.REENTRANT_LOCK).blockedOn(lock + "3").heldBy(11, "a"))
                .thread(thread(11, "a").waiting().stack(Stacks.REENTRANT_LOCK).blockedOn(lock + "1").heldBy(12, "b"))
                .thread(thread(14, "bystander").blocked().stack(Stacks.monitorEnter("audit", 9))
                        .blockedOn("com.acme.Ledger@9").heldBy(11, "a"))
                .build();

        assertThat(detect(s)).singleElement().satisfies(f -> {
            assertThat(f.cycle()).containsExactly("a", "b", "c");
            String at = " waits at Inventory.reserve(Inventory.java:48) for ";
            assertThat(f.summary()).isEqualTo("deadlock: a" + at + lock + "1 held by b, which" + at
                    + lock + "2 held by c, which" + at + lock + "3 held by a");
        });
    }

    @Test
    void unnamedVirtualThreadsInACycleAreNamedByTheirIds() {
        String lock = "java.util.concurrent.locks.ReentrantLock$NonfairSync@";
        Snapshot s = snapshot()
                .thread(thread(29, "").virtual().waiting().stack(Stacks.REENTRANT_LOCK).blockedOn(lock + "7b").heldBy(32, null))
                .thread(thread(32, "").virtual().waiting().stack(Stacks.REENTRANT_LOCK).blockedOn(lock + "38").heldBy(29, null))
                .build();
        assertThat(detect(s)).singleElement().satisfies(f -> {
            assertThat(f.cycle()).containsExactly("#29", "#32");
            assertThat(f.summary()).startsWith("deadlock: #29 waits at ").contains(" for " + lock + "7b held by #32, which waits at ");
        });
    }

    @Test
    void aWaitingThreadWhoseOwnerIsKnownOnlyByIdStillShowsTheOwnersName() {
        Snapshot s = snapshot()
                .thread(thread(1, "a").blocked().blockedOn("java.lang.Object@1").heldBy(2, null))
                .thread(thread(2, "b").blocked().blockedOn("java.lang.Object@2").heldBy(1, null))
                .build();
        assertThat(detect(s)).singleElement().satisfies(f ->
                assertThat(f.threads()).extracting(FindingThread::ownedBy).containsExactly("b", "a"));
    }

    @Test
    void aChainOfWaitsThatEndsInARunningThreadIsNoDeadlock() {
        Snapshot s = snapshot()
                .thread(thread(1, "a").blocked().blockedOn("java.lang.Object@1").heldBy(2, "b"))
                .thread(thread(2, "b").blocked().blockedOn("java.lang.Object@2").heldBy(3, "c"))
                .thread(thread(3, "c").runnable().stack(Stacks.WORKER_COMPUTING))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void anOwnerThatStoppedWaitingBreaksTheCycle() {
        Snapshot s = snapshot()
                .thread(thread(1, "a").blocked().blockedOn("java.lang.Object@1").heldBy(2, "b"))
                .thread(thread(2, "b").runnable().blockedOn("java.lang.Object@2").heldBy(1, "a"))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void anOwnerMissingFromTheSnapshotIsNoDeadlock() {
        Snapshot s = snapshot()
                .thread(thread(1, "a").blocked().blockedOn("java.lang.Object@1").heldBy(99, "gone"))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void twoSeparateCyclesAreTwoFindingsInIdOrder() {
        Snapshot s = snapshot()
                .thread(thread(7, "x").blocked().blockedOn("java.lang.Object@7").heldBy(8, "y"))
                .thread(thread(8, "y").blocked().blockedOn("java.lang.Object@8").heldBy(7, "x"))
                .thread(thread(3, "p").waiting().blockedOn("java.util.concurrent.locks.ReentrantLock$NonfairSync@3")
                        .heldBy(4, "q"))
                .thread(thread(4, "q").blocked().blockedOn("java.lang.Object@4").heldBy(3, "p"))
                .build();
        assertThat(detect(s)).extracting(Finding::cycle)
                .containsExactly(List.of("p", "q"), List.of("x", "y"));
    }

    /** A reader of a read-write lock parked on it, named its own owner: an upgrade the lock never grants. */
    private static final List<String> WRITE_LOCK = List.of(
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:211)",
            "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire(AbstractQueuedSynchronizer.java:715)",
            "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire(AbstractQueuedSynchronizer.java:938)",
            "java.base/java.util.concurrent.locks.ReentrantReadWriteLock$WriteLock.lock(ReentrantReadWriteLock.java:959)",
            "com.acme.PriceCache.price(PriceCache.java:30)",
            "java.base/java.lang.Thread.run(Thread.java:840)");

    @Test
    void readersWaitingForTheWriteLockOfTheLockTheyReadAreOneDeadlockPerLock() {
        String cache = "java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync@5ca1ab1e";
        String other = "java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync@0ddba11";
        Snapshot s = snapshot()
                .thread(thread(22, "pricing-2").waiting().stack(WRITE_LOCK).blockedOn(cache).heldBy(22, "pricing-2"))
                .thread(thread(21, "pricing-1").waiting().stack(WRITE_LOCK).blockedOn(cache).heldBy(21, "pricing-1"))
                .thread(thread(23, "stock").waiting().stack(WRITE_LOCK).blockedOn(other).heldBy(23, "stock"))
                // waits for the same write lock, but holds no read lock of it: no owner, no deadlock of its own
                .thread(thread(24, "writer").waiting().stack(WRITE_LOCK).blockedOn(cache))
                .build();

        List<Finding> findings = detect(s);

        assertThat(findings).hasSize(2);
        assertThat(findings.get(0)).satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.DEADLOCK);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.cycle()).containsExactly("pricing-1", "pricing-2");
            assertThat(f.summary()).isEqualTo("deadlock: threads pricing-1, pricing-2 each wait at"
                    + " PriceCache.price(PriceCache.java:30) for the write lock of ReentrantReadWriteLock$NonfairSync@5ca1ab1e"
                    + " while holding its read lock: a ReentrantReadWriteLock never turns a read lock into a write lock,"
                    + " release the read lock first");
            assertThat(f.threads()).extracting(FindingThread::name).containsExactly("pricing-1", "pricing-2");
        });
        assertThat(findings.get(1).summary()).startsWith("deadlock: thread stock waits at PriceCache.price(")
                .contains("ReentrantReadWriteLock$NonfairSync@0ddba11");
    }

    /** JDK 25, a virtual thread per task, no agent: a carrier read waiting on itself, owned by itself. */
    @Test
    void aThreadItsOwnOwnerOfSomethingElseThanAReadWriteLockIsNoDeadlock() {
        Snapshot s = snapshot()
                .thread(thread(31, "ForkJoinPool-1-worker-2").waiting()
                        .blockedOn("jdk.internal.misc.CarrierThread@3b95a09c").heldBy(31, "ForkJoinPool-1-worker-2"))
                .thread(thread(1, "main").blocked()
                        .blockedOn("java.util.concurrent.ConcurrentHashMap$Node@57f702eb").heldBy(1, "main"))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    /** A mutex of the application's own on AbstractQueuedSynchronizer, taken again by its holder. */
    private static final List<String> MUTEX_AGAIN = List.of(
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:211)",
            "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire(AbstractQueuedSynchronizer.java:715)",
            "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire(AbstractQueuedSynchronizer.java:938)",
            "com.acme.Journal$Mutex.lock(Journal.java:71)",
            "com.acme.Journal.flush(Journal.java:52)",
            "com.acme.Journal.append(Journal.java:40)",
            "java.base/java.lang.Thread.run(Thread.java:840)");

    @Test
    void aThreadThatHasWaitedStuckAfterForALockItHoldsIsADeadlockOfItsOwn() {
        long stuck = DetectOptions.defaults().stuckAfterMillis();
        Snapshot s = snapshot()
                .thread(thread(21, "journal").waiting().stack(MUTEX_AGAIN).stalledFor(stuck)
                        .blockedOn("com.acme.Journal$Mutex@70c366a4").heldBy(21, "journal"))
                // a lock class holding an inner Sync, as AbstractQueuedSynchronizer's own documentation shows one
                .thread(thread(22, "ledger").waiting().stalledFor(stuck).stack(
                        "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                        "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire(AbstractQueuedSynchronizer.java:938)",
                        "com.acme.Ledger$Lock.lock(Ledger.java:90)",
                        "com.acme.Ledger.post(Ledger.java:31)",
                        "java.base/java.lang.Thread.run(Thread.java:840)")
                        .blockedOn("com.acme.Ledger$Lock$Sync@5ca1ab1e").heldBy(22, "ledger"))
                .build();

        List<Finding> findings = detect(s);
        assertThat(findings).hasSize(2);
        assertThat(findings.get(1).summary()).startsWith("deadlock: thread ledger waits at Ledger.post(Ledger.java:31)"
                + " for Ledger$Lock$Sync@5ca1ab1e, which it holds itself");
        assertThat(findings.get(0)).satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.DEADLOCK);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.cycle()).containsExactly("journal");
            assertThat(f.summary()).isEqualTo("deadlock: thread journal waits at Journal.flush(Journal.java:52) for"
                    + " Journal$Mutex@70c366a4, which it holds itself: the lock is not reentrant, and its holder asking"
                    + " for it again waits for good (take it once)");
        });
    }

    @Test
    void aThreadReadAsItsOwnOwnerForLessThanStuckAfterOrOnAReentrantLockIsNoDeadlock() {
        long stuck = DetectOptions.defaults().stuckAfterMillis();
        Snapshot s = snapshot()
                .thread(thread(21, "journal").waiting().stack(MUTEX_AGAIN).stalledFor(stuck - 1_000)
                        .blockedOn("com.acme.Journal$Mutex@70c366a4").heldBy(21, "journal"))
                .thread(thread(22, "orders").waiting().stack(MUTEX_AGAIN).stalledFor(stuck)
                        .blockedOn("java.util.concurrent.locks.ReentrantLock$NonfairSync@1b6d3586").heldBy(22, "orders"))
                .thread(thread(31, "ForkJoinPool-1-worker-2").waiting().stalledFor(stuck)
                        .blockedOn("jdk.internal.misc.CarrierThread@3b95a09c").heldBy(31, "ForkJoinPool-1-worker-2"))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void aThreadWithItselfAsOwnerButNotWaitingIsNoDeadlock() {
        Snapshot s = snapshot()
                .thread(thread(21, "pricing-1").runnable().stack(WRITE_LOCK)
                        .blockedOn("java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync@5ca1ab1e").heldBy(21, "pricing-1"))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void aCycleInsideALibraryNamesTheApplicationsCallIntoIt() {
        // commons-dbcp 1.2 and commons-pool 1.3 (DBCP-44): a connection closed twice while the evictor validates it
        List<String> request = List.of(
                "app//org.apache.commons.pool.impl.GenericObjectPool.returnObject(GenericObjectPool.java:916)",
                "app//org.apache.commons.dbcp.PoolableConnection.close(PoolableConnection.java:87)",
                "app//com.acme.Orders.close(Orders.java:41)",
                "java.base/java.lang.Thread.run(Thread.java:840)");
        List<String> evictor = List.of(
                "app//org.apache.commons.dbcp.AbandonedTrace.addTrace(AbandonedTrace.java:173)",
                "app//org.apache.commons.pool.impl.GenericObjectPool.evict(GenericObjectPool.java:972)",
                "java.base/java.util.TimerThread.run(Timer.java:516)");
        Snapshot s = snapshot()
                .thread(thread(31, "request-loop").blocked().stack(request)
                        .blockedOn("org.apache.commons.pool.impl.GenericObjectPool@2420a17f").heldBy(32, "Timer-0"))
                .thread(thread(32, "Timer-0").blocked().stack(evictor)
                        .blockedOn("org.apache.commons.dbcp.PoolableConnection@555d6d53").heldBy(31, "request-loop"))
                .build();
        assertThat(detect(s)).singleElement().satisfies(f -> assertThat(f.summary())
                .contains("request-loop waits at GenericObjectPool.returnObject(GenericObjectPool.java:916)"
                        + " via Orders.close(Orders.java:41) for")
                .contains("held by Timer-0, which waits at AbandonedTrace.addTrace(AbandonedTrace.java:173) for"));
    }
}
