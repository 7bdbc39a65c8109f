package dev.threadhound.agent.track;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import static dev.threadhound.agent.Waits.await;
import static dev.threadhound.agent.Waits.awaitState;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Virtual threads whose class of work starts at a learned site are left to the JDK's own containers as they start,
 * and the registry's next walk finds them there: every thread of a virtual-thread-per-task executor is listed, named
 * at its site, and forgotten once it ends. JDK 21 on (the {@code virtual-threads} group runs on JDK 25 in
 * {@code mvn verify}).
 */
@Tag("virtual-threads")
class LeftToTheJdkTest {

    private static final int THREADS = 40;

    private final ThreadRegistry registry = new ThreadRegistry();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> started = new ArrayList<>();
    private ExecutorService executor;

    @AfterEach
    void close() {
        release.countDown();
        if (executor != null) {
            executor.shutdown();
        }
    }

    @Test
    void threadsLeftToTheJdkAreListedWithTheirLearnedSiteAndForgottenOnceEnded() throws Exception {
        assertThat(JdkThreadContainers.AVAILABLE).as("the JDK keeps its virtual threads (jdk.trackAllThreads)").isTrue();
        startParked();
        assertThat(registry.size()).as("only the starts that learned the site are in the map")
                .isLessThan(StartSites.AGREEING + 1);

        List<ThreadOrigin> origins = new ArrayList<>();
        Set<Thread> listed = new HashSet<>();
        registry.forEachLive((t, origin) -> {
            listed.add(t);
            origins.add(origin);
        });
        assertThat(listed).as("every thread, found in the executor's container").containsAll(started);
        CreationSite learned = origins.get(0).site();
        assertThat(origins).extracting(ThreadOrigin::site).containsOnly(learned);
        assertThat(origins).filteredOn(o -> o.parentId() == -1 && o.startedAt() == 0)
                .as("adopted: no starter, no start time").hasSizeGreaterThan(THREADS - StartSites.AGREEING - 1);
        assertThat(registry.adopt(started.get(THREADS - 1))).as("the walk's origin is kept")
                .isIn(origins);

        release.countDown();
        for (Thread t : started) {
            t.join();
        }
        // the first walk after their ends replays them, ended; the next finds them ended in the map and takes them out
        registry.forEachLive((t, origin) -> { });
        registry.forEachLive((t, origin) -> { });
        List<Thread> after = new ArrayList<>();
        registry.forEachLive((t, origin) -> after.add(t));
        assertThat(after).as("ended: none listed, though their ends did not take them out of the map").isEmpty();
        assertThat(registry.size()).isZero();
    }

    @Test
    void onceALeakCheckBeganEveryStartIsRecordedWithItsStarter() throws Exception {
        registry.renewSites();
        startParked();
        assertThat(registry.size()).as("each in the map as it starts").isEqualTo(THREADS);
        long me = Thread.currentThread().getId();
        for (Thread t : started) {
            assertThat(registry.adopt(t).parentId()).isEqualTo(me);
        }
        release.countDown();
        for (Thread t : started) {
            t.join();
        }
        assertThat(registry.size()).as("each taken out by its own end, no walk needed").isZero();
    }

    /** THREADS parked virtual threads of one class of work, each started by one executor, as the hooks see them. */
    private void startParked() throws Exception {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        ThreadFactory virtual = (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory")
                .invoke(builder);
        ThreadFactory hooked = r -> {
            Thread t = virtual.newThread(r);
            registry.started(t, false);
            started.add(t);
            return t;
        };
        executor = (ExecutorService) Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
                .invoke(null, hooked);
        for (int i = 0; i < THREADS; i++) {
            executor.execute(new Parked());
        }
        for (Thread t : started) {
            awaitState(t, Thread.State.WAITING);
        }
    }

    /** One class of work, as a server's request handler is: its end reaches the registry as the end hook's would. */
    private final class Parked implements Runnable {
        @Override
        public void run() {
            try {
                await(release);
            } finally {
                registry.ended(Thread.currentThread());
            }
        }
    }
}
