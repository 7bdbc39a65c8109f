package dev.threadhound.samples.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Nanoseconds per task of every batch, by configuration, then pool and size, then round; and ratios of them. */
final class BatchTimes {

    private static final String WITHOUT = "none";

    private final Map<String, Map<String, Map<Integer, Double>>> nanos = new LinkedHashMap<>();

    void add(String config, String key, int round, double value) {
        nanos.computeIfAbsent(config, c -> new LinkedHashMap<>())
                .computeIfAbsent(key, k -> new LinkedHashMap<>()).put(round, value);
    }

    double get(String config, String key, int round) {
        return of(config, key).get(round);
    }

    double median(String config, String key) {
        List<Double> values = new ArrayList<>(of(config, key).values());
        Collections.sort(values);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    /** Throughput with {@code config} over throughput without the agent, from the medians. */
    double ratio(String config, String key) {
        return median(WITHOUT, key) / median(config, key);
    }

    /** The same from each side's fastest round: what is left when other programs' bursts are taken out. */
    double bestRatio(String config, String key) {
        return Collections.min(of(WITHOUT, key).values()) / Collections.min(of(config, key).values());
    }

    /**
     * The same from the totals over all rounds: for process CPU time, which the JVM counts in clock ticks, too
     * coarse for one batch but not for the sum of many.
     */
    double totalRatio(String config, String key) {
        return sum(of(WITHOUT, key).values()) / sum(of(config, key).values());
    }

    private static double sum(Iterable<Double> values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }

    /** Lowest and highest ratio of a round's batch with {@code config} to the same round's batch without. */
    double[] ratioSpread(String config, String key) {
        Map<Integer, Double> without = of(WITHOUT, key);
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Map.Entry<Integer, Double> e : of(config, key).entrySet()) {
            double ratio = without.get(e.getKey()) / e.getValue();
            min = Math.min(min, ratio);
            max = Math.max(max, ratio);
        }
        return new double[] {min, max};
    }

    private Map<Integer, Double> of(String config, String key) {
        return nanos.get(config).get(key);
    }
}
