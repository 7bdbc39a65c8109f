package dev.threadhound.agent.track;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.threadhound.agent.Waits.await;
import static dev.threadhound.agent.Waits.awaitState;
import static dev.threadhound.agent.Waits.collected;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry's walk of its threads, which replays the last walk while no thread started or ended: what a caller
 * sees must be what a walk of the map would show.
 */
class ThreadRegistryTest {

    private final ThreadRegistry registry = new ThreadRegistry();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void release() {
        release.countDown();
    }

    @Test
    void threadsStartedOrEndedBetweenTwoCallsAreSeenAtTheNext() throws Exception {
        Thread first = parked("first");
        assertThat(listed()).containsExactly(first);
        assertThat(listed()).as("nothing changed: the same threads").containsExactly(first);

        Thread second = parked("second");
        assertThat(listed()).containsExactlyInAnyOrder(first, second);

        registry.ended(first);
        assertThat(listed()).as("its end was seen: gone at once").containsExactly(second);
    }

    @Test
    void aThreadRegisteredBeforeItStartsIsListedOnceItRunsWithoutAnotherChange() throws Exception {
        Thread t = new Thread(this::awaitRelease, "registered-new");
        registry.started(t, false);
        List<Thread.State> states = new ArrayList<>();
        registry.forEachLive((thread, origin) -> states.add(thread.getState()));
        assertThat(states).containsExactly(Thread.State.NEW);

        t.start();
        awaitState(t, Thread.State.WAITING);
        assertThat(listed()).as("no start or end was counted since, yet it is there, now waiting").containsExactly(t);
    }

    @Test
    void aThreadThatEndedUnseenIsLetGoAndCollected() throws Exception {
        Thread t = new Thread(() -> { }, "ends-unseen");
        registry.started(t, false);
        t.start();
        listed();
        t.join();
        // its end hook never ran: the map still has it until it is collected
        listed();
        listed();
        WeakReference<Thread> gone = new WeakReference<>(t);
        t = null;
        assertThat(collected(gone)).as("not held by the registry's replays").isTrue();
        registry.expunge();
        assertThat(listed()).isEmpty();
    }

    @Test
    void anEndingThreadMakesNoObjectToBeForgotten() throws Exception {
        // a thread that never allocated gets a buffer of the young generation for its first object: 2,000 threads
        // ending in a burst took six young collections when the end made a lookup key
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 1_000; i++) {
            // the lookup keys are made once, at their first use
            registry.get(new Thread("looked-up-" + i));
        }
        int threads = 200;
        AtomicInteger allocating = new AtomicInteger();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                long before = mx.getCurrentThreadAllocatedBytes();
                registry.ended(Thread.currentThread());
                if (mx.getCurrentThreadAllocatedBytes() != before) {
                    allocating.incrementAndGet();
                }
            }, "ends-" + i);
            registry.started(t, false);
            t.start();
            t.join();
        }
        assertThat(allocating.get()).as("threads whose end allocated").isZero();
        assertThat(listed()).as("each was forgotten as it ended").isEmpty();
    }

    @Test
    void threadsLookedUpAtOnceEachFindTheirOwnOrigin() throws Exception {
        List<Thread> crowd = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            crowd.add(parked("crowd-" + i));
        }
        Map<Thread, ThreadOrigin> origins = new HashMap<>();
        registry.forEachLive(origins::put);
        ExecutorService lookers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> rounds = new ArrayList<>();
            for (int r = 0; r < 40; r++) {
                rounds.add(lookers.submit(() -> crowd.stream().allMatch(t -> registry.get(t) == origins.get(t))));
            }
            for (Future<Boolean> round : rounds) {
                assertThat(round.get()).as("every lookup found the thread's own origin").isTrue();
            }
        } finally {
            lookers.shutdownNow();
        }
        assertThat(registry.get(new Thread("never-started"))).isNull();
    }

    private Thread parked(String name) throws InterruptedException {
        Thread t = new Thread(this::awaitRelease, name);
        t.setDaemon(true);
        registry.started(t, false);
        t.start();
        awaitState(t, Thread.State.WAITING);
        return t;
    }

    private List<Thread> listed() {
        List<Thread> out = new ArrayList<>();
        registry.forEachLive((thread, origin) -> out.add(thread));
        return out;
    }

    private void awaitRelease() {
        await(release);
    }
}
