package dev.threadhound.detect;

import java.time.Duration;

/**
 * Thresholds shared by the detectors.
 *
 * @param stuckAfter            no progress for this long makes a thread or task stuck
 * @param minLeakedExecutors    executors from one creation site that make a pile-up
 * @param contentionMinTotal    total wait on one lock at one site, over the window, that makes a finding
 * @param pileUp                idle threads from one creation site beyond which their growing number is a pile-up
 */
public record DetectOptions(Duration stuckAfter, int minLeakedExecutors, Duration contentionMinTotal, int pileUp) {

    public static final int DEFAULT_PILE_UP = 8;

    public static DetectOptions defaults() {
        return new DetectOptions(Duration.ofSeconds(30), 3, Duration.ofMillis(500), DEFAULT_PILE_UP);
    }

    public DetectOptions withStuckAfter(Duration value) {
        return new DetectOptions(value, minLeakedExecutors, contentionMinTotal, pileUp);
    }

    public DetectOptions withPileUp(int value) {
        return new DetectOptions(stuckAfter, minLeakedExecutors, contentionMinTotal, value);
    }

    public long stuckAfterMillis() {
        return stuckAfter.toMillis();
    }
}
