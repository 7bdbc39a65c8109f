package dev.threadhound.agent.bootstrap;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One thread's held-lock stack and chain cache: what reaches the slow path, and what never does. */
class HeldLocksTest {

    /** A site of no particular kind: the tests take their "locks" without locking them. */
    private static final int SITE = 4;

    private final HeldLocks held = new HeldLocks();
    private final List<List<Object>> reported = new ArrayList<>();
    private boolean recorded = true;
    private final LockOrderProbe probe = (locks, sites, depth, lock, site) -> {
        List<Object> chain = new ArrayList<>(Arrays.asList(locks).subList(0, depth));
        chain.add(lock);
        reported.add(chain);
        return recorded;
    };

    private void take(Object lock) {
        held.enter(lock, SITE, true, probe);
    }

    @Test
    void aChainIsReportedOnceAndAgainOnlyIfTheGraphDidNotTakeIt() {
        Object a = new Object();
        Object b = new Object();
        for (int i = 0; i < 3; i++) {
            take(a);
            take(b);
            held.release(b);
            held.release(a);
        }
        assertThat(reported).containsExactly(List.of(a, b));

        recorded = false;
        Object c = new Object();
        for (int i = 0; i < 2; i++) {
            take(a);
            take(c);
            held.release(c);
            held.release(a);
        }
        assertThat(reported).as("a full graph turned it away: asked again").hasSize(3);
        assertThat(held.depth()).isZero();
    }

    @Test
    void aLockAlreadyHeldIsAReEntryAndAddsNoEdge() {
        Object a = new Object();
        Object b = new Object();
        take(a);
        take(a);
        assertThat(reported).isEmpty();
        take(b);
        assertThat(reported).singleElement().satisfies(chain -> assertThat(chain).containsExactly(a, a, b));
        held.release(b);
        held.release(a);
        assertThat(held.depth()).as("one hold of a left").isEqualTo(1);
        held.release(a);
        assertThat(held.depth()).isZero();
    }

    @Test
    void handOverHandReleasesTheOlderLockFirst() {
        Object a = new Object();
        Object b = new Object();
        Object c = new Object();
        take(a);
        take(b);
        held.release(a);
        take(c);
        assertThat(reported).containsExactly(List.of(a, b), List.of(b, c));
    }

    @Test
    void aSynchronizedMethodsMonitorIsReleasedByItsSite() {
        Object self = new Object();
        Object inner = new Object();
        held.enter(self, 8 << 2, false, probe);
        take(inner);
        held.release(inner);
        held.releaseSite(8 << 2);
        assertThat(held.depth()).isZero();
        held.releaseSite(8 << 2);
        held.release(inner);
        assertThat(held.depth()).as("releasing what is not held changes nothing").isZero();
    }

    @Test
    void theProbesOwnLockingIsNeverTracked() {
        Object a = new Object();
        Object b = new Object();
        LockOrderProbe reentrant = (locks, sites, depth, lock, site) -> {
            Object mine = new Object();
            held.enter(mine, SITE, true, probe);
            held.release(mine);
            return true;
        };
        held.enter(a, SITE, true, reentrant);
        held.enter(b, SITE, true, reentrant);
        assertThat(reported).isEmpty();
        assertThat(held.depth()).isEqualTo(2);
    }

    @Test
    void anUntimedTryLockOnlyPushesAndAJucLockReportsBeforeItIsTaken() {
        Object a = new Object();
        Object b = new Object();
        Object c = new Object();
        take(a);
        held.taken(b, SITE);
        take(c);
        assertThat(reported).containsExactly(List.of(a, b, c));
        held.release(c);
        Object d = new Object();
        held.attempt(d, SITE, probe);
        assertThat(held.depth()).as("an attempt holds nothing yet").isEqualTo(2);
        held.taken(d, SITE);
        assertThat(reported).containsExactly(List.of(a, b, c), List.of(a, b, d));
        assertThat(held.depth()).isEqualTo(3);
    }

    @Test
    void aMonitorReleasedWithoutATellIsDroppedAtTheNextSlowPath() {
        Object released = new Object();
        Object held2 = new Object();
        Object next = new Object();
        int monitor = 4 | HeldLocks.MONITOR;
        synchronized (held2) {
            held.enter(released, monitor, true, probe);
            held.enter(held2, monitor, true, probe);
            // `released` was never locked: as if its exceptional exit had no hook
            held.enter(next, SITE, true, probe);
        }
        assertThat(reported).as("the chain reported without the monitor no longer held")
                .containsExactly(List.of(held2, next));
        assertThat(held.depth()).isEqualTo(2);
    }

    @Test
    void aChainStaysCachedAcrossReleasesBelowIt() {
        Object a = new Object();
        Object b = new Object();
        Object c = new Object();
        take(a);
        take(b);
        held.release(a);
        take(a);
        take(c);
        held.release(c);
        take(c);
        assertThat(reported).containsExactly(List.of(a, b), List.of(b, a), List.of(b, a, c));
    }
}
