package dev.threadhound.agent.loop;

import dev.threadhound.agent.snapshot.SnapshotBuilder;
import dev.threadhound.agent.track.ExecutorRegistry;
import dev.threadhound.agent.track.TaskSites;
import dev.threadhound.agent.track.ThreadRegistry;
import dev.threadhound.detect.DetectOptions;
import dev.threadhound.detect.Detectors;
import org.junit.jupiter.api.Test;

import java.time.Duration;

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

    private static DetectionLoop loop(Duration interval) {
        ThreadRegistry threads = new ThreadRegistry();
        ExecutorRegistry executors = new ExecutorRegistry();
        TaskSites sites = new TaskSites();
        return new DetectionLoop(new SnapshotBuilder(threads, executors, sites), DetectOptions.defaults(),
                Detectors.standard(), interval, 0.01);
    }
}
