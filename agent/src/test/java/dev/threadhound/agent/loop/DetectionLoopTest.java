package dev.threadhound.agent.loop;

import dev.threadhound.agent.snapshot.SnapshotBuilder;
import dev.threadhound.agent.track.ExecutorRegistry;
import dev.threadhound.agent.track.TaskSites;
import dev.threadhound.agent.track.ThreadRegistry;
import dev.threadhound.detect.DetectOptions;
import dev.threadhound.detect.Detectors;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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
    void afterTheCycleOfTheReportAtExitNoCycleComesThatCouldSayMoreThanTheReport() throws Exception {
        DetectionLoop loop = loop(Duration.ofMillis(50));
        Thread thread = loop.start();
        try {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (loop.latest() == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(loop.latest()).as("cycling").isNotNull();
            Published last = loop.lastCycle();
            thread.join(10_000);
            assertThat(thread.isAlive()).as("the loop ends at its next turn").isFalse();
            assertThat(loop.latest()).as("nothing published after the report's cycle").isSameAs(last);
        } finally {
            thread.interrupt();
        }
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
