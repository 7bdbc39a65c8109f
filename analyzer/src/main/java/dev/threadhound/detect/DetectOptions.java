package dev.threadhound.detect;

import java.time.Duration;
import java.util.List;

/**
 * Thresholds shared by the detectors.
 *
 * @param stuckAfter            no progress for this long makes a thread or task stuck
 * @param minLeakedExecutors    executors from one creation site that make a pile-up
 * @param contentionMinTotal    total wait on one lock at one site, over the window, that makes a finding
 * @param pileUp                idle threads from one creation site beyond which their growing number is a pile-up
 * @param ignore                {@code class.method} prefixes of frames whose findings are not reported ({@link Ignored})
 */
public record DetectOptions(Duration stuckAfter, int minLeakedExecutors, Duration contentionMinTotal, int pileUp,
                            List<String> ignore) {

    public static final int DEFAULT_PILE_UP = 8;

    public static DetectOptions defaults() {
        return new DetectOptions(Duration.ofSeconds(30), 3, Duration.ofMillis(500), DEFAULT_PILE_UP, List.of());
    }

    public DetectOptions {
        ignore = List.copyOf(ignore);
    }

    public DetectOptions withStuckAfter(Duration value) {
        return new DetectOptions(value, minLeakedExecutors, contentionMinTotal, pileUp, ignore);
    }

    public DetectOptions withPileUp(int value) {
        return new DetectOptions(stuckAfter, minLeakedExecutors, contentionMinTotal, value, ignore);
    }

    public DetectOptions withIgnore(List<String> prefixes) {
        return new DetectOptions(stuckAfter, minLeakedExecutors, contentionMinTotal, pileUp, prefixes);
    }

    public long stuckAfterMillis() {
        return stuckAfter.toMillis();
    }
}
