package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.ExecutorRegistry;
import dev.threadhound.detect.ThreadRole;
import dev.threadhound.agent.track.RecordingProbe;
import dev.threadhound.agent.track.TaskSites;
import dev.threadhound.agent.track.ThreadRegistry;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Threads that do not look blocked get their stacks looked at from the cheap scan's evidence: a thread burning CPU,
 * a thread in the same timed wait cycle after cycle, a thread running in native code without using CPU (once); and
 * a thread's record names the thread object itself, which a join on it shows as what it waits on.
 */
class SuspectLooksTest {

    private final ThreadRegistry threads = new ThreadRegistry();
    private final ExecutorRegistry executors = new ExecutorRegistry();
    private final TaskSites sites = new TaskSites();
    private final RecordingProbe probe = new RecordingProbe(threads, executors, sites);
    private final SnapshotBuilder builder = new SnapshotBuilder(threads, executors, sites);
    private final List<Thread> started = new ArrayList<>();
    private volatile boolean running = true;

    @AfterEach
    void stop() throws InterruptedException {
        running = false;
        for (Thread t : started) {
            t.interrupt();
            t.join(5_000);
        }
    }

    private Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        probe.threadStarting(t);
        t.start();
        started.add(t);
        return t;
    }

    private void spin() {
        long x = 0;
        while (running) {
            x += System.nanoTime() & 1;
        }
        if (x == 42) {
            System.out.println(x);
        }
    }

    private void pollForAFlagNobodySets() {
        Object lock = new Object();
        synchronized (lock) {
            while (running) {
                try {
                    lock.wait(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private ThreadRecord record(Snapshot s, Thread t) {
        return s.thread(t.getId()).orElseThrow();
    }

    @Test
    void aThreadBurningCpuHasItsStackTakenEveryCycle() throws Exception {
        Thread spinner = start("spinner", this::spin);
        List<ThreadRecord> seen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Thread.sleep(100);
            seen.add(record(builder.build(false), spinner));
        }
        assertThat(seen).as("a running thread's stack is not part of the cheap scan's first look")
                .first().satisfies(r -> assertThat(r.stack()).isEmpty());
        assertThat(seen.subList(2, seen.size()))
                .anySatisfy(r -> assertThat(r.stack()).anyMatch(f -> f.contains("SuspectLooksTest.spin")));
    }

    @Test
    void aThreadInTheSameTimedWaitIsLookedAtAndKeepsThatStackBetweenLooks() throws Exception {
        Thread poller = start("poller", this::pollForAFlagNobodySets);
        List<ThreadRecord> seen = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread.sleep(50);
            seen.add(record(builder.build(false), poller));
        }
        assertThat(seen.subList(3, seen.size())).allSatisfy(r -> {
            assertThat(r.state()).isEqualTo("TIMED_WAITING");
            assertThat(r.stack()).anyMatch(f -> f.contains("SuspectLooksTest.pollForAFlagNobodySets"));
        });
    }

    private void sleepUntilAFlagNobodySets() {
        while (running) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Test
    void aThreadAsleepCycleAfterCycleIsLookedAtAndKeepsThatStackBetweenLooks() throws Exception {
        // a sleep waits on nothing: no lock tells it is the same wait, the state alone does
        Thread sleeper = start("sleeper", this::sleepUntilAFlagNobodySets);
        List<ThreadRecord> seen = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread.sleep(50);
            seen.add(record(builder.build(false), sleeper));
        }
        assertThat(seen.subList(3, seen.size())).filteredOn(r -> r.state().equals("TIMED_WAITING"))
                .hasSizeGreaterThan(2).allSatisfy(r -> assertThat(r.stack())
                        .anyMatch(f -> f.contains("SuspectLooksTest.sleepUntilAFlagNobodySets")));
    }

    @Test
    void aThreadRunningInNativeCodeWithoutUsingCpuIsLookedAtOnceInItsRun() throws Exception {
        try (Selector selector = Selector.open()) {
            Thread loop = start("event-loop", () -> {
                try {
                    while (running) {
                        selector.select();
                    }
                } catch (IOException | ClosedSelectorException e) {
                    // closed at the end of the test
                }
            });
            while (Arrays.stream(loop.getStackTrace()).noneMatch(f -> f.getMethodName().equals("doSelect"))) {
                Thread.sleep(5);
            }
            List<ThreadRecord> seen = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Thread.sleep(50);
                seen.add(record(builder.build(false), loop));
            }
            assertThat(seen).allSatisfy(r -> assertThat(r.state()).isEqualTo("RUNNABLE"));
            assertThat(seen).as("one look at the selector's stack, not one a cycle")
                    .filteredOn(r -> !r.stack().isEmpty()).singleElement()
                    .satisfies(r -> assertThat(r.stack()).anyMatch(f -> f.contains("SelectorImpl.select")));
        }
    }

    @Test
    void twoSpinnersTakeTurnsWhenTheBudgetAllowsOnlyOneLook() {
        // On a starved machine one handshake spends the cycle's stack budget: only the first pick gets its look.
        ThreadInfo running = ManagementFactory.getThreadMXBean().getThreadInfo(Thread.currentThread().getId());
        ThreadRead first = new ThreadRead(1);
        ThreadRead second = new ThreadRead(2);
        SharedNames names = new SharedNames();
        first.update(running, names);
        second.update(running, names);
        ThreadRead[] reads = {first, second};
        boolean[] none = new boolean[2];
        SuspectLooks looks = new SuspectLooks();
        looks.pick(reads, new long[] {0, 0}, none, none);
        List<Long> lookedAt = new ArrayList<>();
        for (long cpu = 10; cpu <= 40; cpu += 10) {
            List<Integer> picked = looks.pick(reads, new long[] {cpu, cpu}, none, none).urgent();
            ThreadRead looked = reads[picked.get(0)];
            looks.looked(looked, List.of("Spinner.spin(Spinner.java:1)"));
            lookedAt.add(looked.id());
        }
        assertThat(lookedAt).containsExactly(1L, 2L, 1L, 2L);
    }

    /** Read as the cheap scan reads it, once it sleeps. */
    private ThreadRead asleep(Thread t) throws InterruptedException {
        while (t.getState() != Thread.State.TIMED_WAITING) {
            Thread.sleep(5);
        }
        ThreadRead read = new ThreadRead(t.getId());
        read.update(ManagementFactory.getThreadMXBean().getThreadInfo(t.getId()), new SharedNames());
        return read;
    }

    /** The cycles, of {@code cycles}, at which {@code read} was picked, each look finding {@code stackAt} that cycle. */
    private static List<Integer> picks(ThreadRead read, int cycles, java.util.function.IntFunction<List<String>> stackAt) {
        SuspectLooks looks = new SuspectLooks();
        ThreadRead[] reads = {read};
        boolean[] none = new boolean[1];
        List<Integer> picked = new ArrayList<>();
        for (int cycle = 1; cycle <= cycles; cycle++) {
            if (!looks.pick(reads, new long[] {0}, none, none).urgent().isEmpty()) {
                looks.looked(read, stackAt.apply(cycle));
                picked.add(cycle);
            }
        }
        return picked;
    }

    @Test
    void aTimedWaiterFoundWhereItWasIsLookedAtLessAndLessOften() throws Exception {
        Thread sleeper = start("sleeper", this::sleepUntilAFlagNobodySets);
        List<String> sleeping = List.of("Sleeper.sleep(Sleeper.java:1)");
        List<String> elsewhere = List.of("Sleeper.nap(Sleeper.java:9)");

        // on JDK 17 each look stops every thread: a poller that stays put is looked at after 4, 8, 16, then 32 cycles
        assertThat(picks(asleep(sleeper), 100, cycle -> sleeping)).containsExactly(2, 6, 14, 30, 62, 94);
        // a look that finds it somewhere else starts over
        assertThat(picks(asleep(sleeper), 40, cycle -> cycle == 14 ? elsewhere : sleeping))
                .containsExactly(2, 6, 14, 18, 22, 30);
    }

    @Test
    void theJvmsOwnThreadsAsleepAreNotLookedAt() throws Exception {
        ThreadRead jfr = asleep(start("JFR Periodic Tasks", this::sleepUntilAFlagNobodySets));
        ThreadRead agent = asleep(start(ThreadRole.AGENT_PREFIX + "loop", this::sleepUntilAFlagNobodySets));

        assertThat(picks(jfr, 40, cycle -> List.of("JfrPeriodic.run(JfrPeriodic.java:1)"))).isEmpty();
        assertThat(picks(agent, 40, cycle -> List.of("Loop.run(Loop.java:1)"))).isEmpty();
    }

    @Test
    void aThreadJoiningAnotherWaitsOnThatThreadsIdentity() throws Exception {
        Thread spinner = start("joined", this::spin);
        Thread joiner = start("joiner", () -> {
            try {
                spinner.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        while (joiner.getState() != Thread.State.WAITING) {
            Thread.sleep(5);
        }
        Snapshot s = builder.build(false);
        assertThat(record(s, spinner).identity()).startsWith("java.lang.Thread@");
        assertThat(record(s, joiner).blockedOn()).isEqualTo(record(s, spinner).identity());
    }
}
