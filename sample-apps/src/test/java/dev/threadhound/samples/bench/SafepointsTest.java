package dev.threadhound.samples.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The JVM's log of its stops, as {@code Scale} reads it for the idle phase's table columns. */
class SafepointsTest {

    private static String stop(long uptimeMillis, String operation, long nanos) {
        return "[" + uptimeMillis + "ms] Safepoint \"" + operation + "\", Time since last: 1000000 ns, Reaching safepoint:"
                + " 900 ns, Cleanup: 100 ns, At safepoint: 300 ns, Total: " + nanos + " ns";
    }

    @Test
    void theLongestStopAndTheStopsOver5msOfAPhaseAreCountedByWhatTheyStoppedFor(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("safepoints.log");
        Files.write(log, List.of(
                stop(900, "G1CollectForAllocation", 40_000_000), // before the phase
                stop(1_000, "ThreadDump", 12_000_000),
                stop(1_500, "Cleanup", 9_000_000),
                stop(2_000, "ThreadDump", 4_000_000), // not over 5 ms
                stop(2_500, "ThreadDump", 6_000_000),
                "[2600ms] Safepoint synchronization initiated using thread local polls", // other lines are skipped
                stop(3_100, "Cleanup", 30_000_000))); // after the phase
        Safepoints stops = Safepoints.read(log);

        assertThat(stops.longest(1_000L, 3_000L)).isEqualTo("12.00(ThreadDump)");
        assertThat(stops.longerThan(5_000_000, 1_000L, 3_000L)).isEqualTo("ThreadDump:2,Cleanup:1");
        assertThat(stops.longerThan(5_000_000, 1_600L, 2_400L)).isEqualTo("0");
        assertThat(stops.longerThan(5_000_000, null, 3_000L)).isEqualTo("?");
    }
}
