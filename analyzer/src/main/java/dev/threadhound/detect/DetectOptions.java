package dev.threadhound.detect;

import java.time.Duration;

/**
 * Thresholds shared by the detectors.
 *
 * @param stuckAfter            no progress for this long makes a thread or task stuck
 * @param minLeakedExecutors    executors from one creation site that make a pile-up
 * @param contentionMinTotal    total wait on one lock at one site, over the window, that makes a finding
 */
public record DetectOptions(Duration stuckAfter, int minLeakedExecutors, Duration contentionMinTotal) {

    public static DetectOptions defaults() {
        return new DetectOptions(Duration.ofSeconds(30), 3, Duration.ofMillis(500));
    }

    public DetectOptions withStuckAfter(Duration value) {
        return new DetectOptions(value, minLeakedExecutors, contentionMinTotal);
    }

    public long stuckAfterMillis() {
        return stuckAfter.toMillis();
    }
}
