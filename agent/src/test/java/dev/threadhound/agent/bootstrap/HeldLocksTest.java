package dev.threadhound.agent.bootstrap;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One thread's held-lock stack and chain cache: what reaches the slow path, and what never does. */
class HeldLocksTest {

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
        held.attempt(lock, 2, true, probe);
        held.push(lock, 2);
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
        held.attempt(self, 8, true, probe);
        held.push(self, 8);
        take(inner);
        held.release(inner);
        held.releaseSite(8);
        assertThat(held.depth()).isZero();
        held.releaseSite(8);
        held.release(inner);
        assertThat(held.depth()).as("releasing what is not held changes nothing").isZero();
    }

    @Test
    void theProbesOwnLockingIsNeverTracked() {
        Object a = new Object();
        Object b = new Object();
        LockOrderProbe reentrant = (locks, sites, depth, lock, site) -> {
            Object mine = new Object();
            held.attempt(mine, 4, true, probe);
            held.push(mine, 4);
            held.release(mine);
            return true;
        };
        held.attempt(a, 2, true, reentrant);
        held.push(a, 2);
        held.attempt(b, 2, true, reentrant);
        held.push(b, 2);
        assertThat(reported).isEmpty();
        assertThat(held.depth()).isEqualTo(2);
    }

    @Test
    void anUntimedTryLockOnlyPushes() {
        Object a = new Object();
        Object b = new Object();
        Object c = new Object();
        take(a);
        held.push(b, 2);
        take(c);
        assertThat(reported).containsExactly(List.of(a, b, c));
    }
}
