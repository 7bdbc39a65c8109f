package dev.threadhound.agent.track;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

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
