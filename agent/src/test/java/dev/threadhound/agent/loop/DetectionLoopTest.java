package dev.threadhound.agent.loop;

import dev.threadhound.agent.snapshot.SnapshotBuilder;
import dev.threadhound.agent.track.ExecutorRegistry;
import dev.threadhound.agent.track.TaskSites;
import dev.threadhound.agent.track.ThreadRegistry;
import dev.threadhound.detect.DetectOptions;
import dev.threadhound.detect.Detectors;
import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import static org.assertj.core.api.Assertions.assertThat;

class DetectionLoopTest {

    @Test
    void theFirstCycleComesTwoIntervalsAfterStartSoAOneSecondJvmNeverPaysForIt() throws Exception {
        assertThat(loop(Duration.ofSeconds(1)).firstCycleAfterMillis()).as("the default interval").isEqualTo(2_000);
        assertThat(loop(Duration.ofMillis(250)).firstCycleAfterMillis()).isEqualTo(500);

        DetectionLoop loop = loop(Duration.ofMillis(500));
        Thread thread = loop.start();
        try {
            Thread.sleep(600);
            assertThat(loop.latest()).as("no cycle one interval after start").isNull();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (loop.latest() == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(loop.latest()).as("then cycles as usual").isNotNull();
        } finally {
            thread.interrupt();
        }
    }

    @Test
    void aJvmThatExitsWithoutACycleHavingRunIsToldWhereTheLoopWasOnlyWhenItLivedLongEnoughForOne() throws Exception {
        DetectionLoop loop = new DetectionLoop(new SnapshotBuilder(new ThreadRegistry(), new ExecutorRegistry(),
                new TaskSites()), DetectOptions.defaults().withStuckAfter(Duration.ofSeconds(2)), Detectors.standard(),
                Duration.ofMillis(250), 0);
        assertThat(loop.noCycleRan(2_400, null)).as("a JVM of 2.4 s: cycles start late by design").isNull();

        assertThat(loop.noCycleRan(40_000, null)).isEqualTo("no detector cycle ran in the 40.0 s the JVM ran (the"
                + " first was due 0.5 s after start), so the report at exit has only what one look sees: the detection"
                + " loop was never started (the agent's start-up thread did not get that far)");

        Thread held = new Thread(LockSupport::park, "held-loop");
        held.setDaemon(true);
        held.start();
        try {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (held.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(loop.noCycleRan(40_000, held)).contains("one look sees: the detection loop's thread is WAITING at ")
                    .contains("park(");
        } finally {
            LockSupport.unpark(held);
        }
    }

    @Test
    void afterTheCycleOfTheReportAtExitOnlyAHungExitIsTold() throws Exception {
        DetectionLoop loop = new DetectionLoop(new SnapshotBuilder(new ThreadRegistry(), new ExecutorRegistry(),
                new TaskSites()), DetectOptions.defaults().withStuckAfter(Duration.ofMillis(200)), Detectors.standard(),
                Duration.ofMillis(50), 0);
        List<List<Finding>> told = new CopyOnWriteArrayList<>();
        loop.addSink((snapshot, findings) -> told.add(findings));
        Thread leaked = new Thread(LockSupport::park, "left-parked");
        leaked.setDaemon(true);
        leaked.start();
        Thread thread = loop.start();
        try {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (told.stream().noneMatch(DetectionLoopTest::namesTheParkedThread) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(told).as("told while the JVM runs").anyMatch(DetectionLoopTest::namesTheParkedThread);
            Published last = loop.lastCycle(cycle -> cycle);
            int toldBefore = told.size();
            while (told.size() < toldBefore + 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(loop.latest()).as("cycles go on while the JVM exits").isNotSameAs(last);
            assertThat(last.findings()).as("the report has it").anyMatch(f -> f.type() == FindingType.LEAKED_THREAD);
            assertThat(told.subList(toldBefore, told.size())).as("after the report, only a hung exit is told")
                    .isNotEmpty().allSatisfy(findings -> assertThat(findings)
                            .allMatch(f -> f.type() == FindingType.EXIT_BLOCKED));
        } finally {
            thread.interrupt();
            LockSupport.unpark(leaked);
        }
    }

    /**
     * A deadlock is told once a second look finds it too (ConfirmedDeadlocks); that look is taken at once, so the
     * cycle that first sees a deadlock tells it, and a JVM's report at exit has it.
     */
    @Test
    void theCycleThatFirstSeesADeadlockTellsIt() throws Exception {
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = new ReentrantLock();
        CountDownLatch bothHold = new CountDownLatch(2);
        Thread one = deadlocking("takes-a-then-b", a, b, bothHold);
        Thread two = deadlocking("takes-b-then-a", b, a, bothHold);
        try {
            while (one.getState() != Thread.State.WAITING || two.getState() != Thread.State.WAITING) {
                Thread.sleep(5);
            }
            DetectionLoop loop = new DetectionLoop(new SnapshotBuilder(new ThreadRegistry(), new ExecutorRegistry(),
                    new TaskSites()), DetectOptions.defaults(), Detectors.standard(), Duration.ofSeconds(1), 0);
            Published first = loop.lastCycle(cycle -> cycle);
            assertThat(first.findings()).filteredOn(f -> f.type() == FindingType.DEADLOCK).singleElement()
                    .satisfies(f -> assertThat(f.cycle()).containsExactlyInAnyOrder("takes-a-then-b", "takes-b-then-a"));
        } finally {
            one.interrupt();
            two.interrupt();
            one.join();
            two.join();
        }
    }

    private static Thread deadlocking(String name, ReentrantLock first, ReentrantLock second, CountDownLatch bothHold) {
        Thread t = new Thread(() -> {
            first.lock();
            try {
                bothHold.countDown();
                bothHold.await();
                second.lockInterruptibly();
                second.unlock();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                first.unlock();
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static boolean namesTheParkedThread(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.type() == FindingType.LEAKED_THREAD
                && f.threads().stream().anyMatch(t -> t.name().equals("left-parked")));
    }

    @Test
    void theJfrStreamsCpuCountsAgainstTheBudgetSoABusyAgentLooksLessOften() throws Exception {
        assertThat(cyclesInASecondAfterWarmUp(false)).as("a busy thread that is not the agent's: every interval")
                .isGreaterThanOrEqualTo(5);
        assertThat(cyclesInASecondAfterWarmUp(true)).as("the agent's own thread busy: far over 1 %% of a core, so"
                + " the next cycle waits stuckAfter (5 s)").isLessThanOrEqualTo(1);
    }

    /** Cycles every 50 ms while another thread spins; how many come in the second after the warm-up and two more. */
    private static int cyclesInASecondAfterWarmUp(boolean spinnerIsTheAgents) throws Exception {
        ThreadRegistry threads = new ThreadRegistry();
        DetectionLoop loop = new DetectionLoop(new SnapshotBuilder(threads, new ExecutorRegistry(), new TaskSites()),
                DetectOptions.defaults().withStuckAfter(Duration.ofSeconds(5)), Detectors.standard(),
                Duration.ofMillis(50), 0.01);
        AtomicInteger cycles = new AtomicInteger();
        loop.addSink((snapshot, findings) -> cycles.incrementAndGet());
        AtomicBoolean spin = new AtomicBoolean(true);
        Thread spinner = new Thread(() -> {
            while (spin.get()) {
                Thread.onSpinWait();
            }
        }, "threadhound-busy");
        spinner.setDaemon(true);
        spinner.start();
        if (spinnerIsTheAgents) {
            loop.budgetAlso(spinner);
        }
        Thread thread = loop.start();
        try {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (cycles.get() < CyclePace.WARM_UP_CYCLES + 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(cycles.get()).as("warmed up").isGreaterThanOrEqualTo(CyclePace.WARM_UP_CYCLES + 2);
            // the cycle that set the long wait may still be publishing
            Thread.sleep(100);
            int before = cycles.get();
            Thread.sleep(1_000);
            return cycles.get() - before;
        } finally {
            thread.interrupt();
            spin.set(false);
        }
    }

    private static DetectionLoop loop(Duration interval) {
        ThreadRegistry threads = new ThreadRegistry();
        ExecutorRegistry executors = new ExecutorRegistry();
        TaskSites sites = new TaskSites();
        return new DetectionLoop(new SnapshotBuilder(threads, executors, sites), DetectOptions.defaults(),
                Detectors.standard(), interval, 0.01);
    }
}
