package dev.threadhound.samples.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the agent costs in task throughput: runs {@link OverheadWorkload} in child JVMs without the agent, with it
 * and {@code jfr=off}, and with it and {@code jfr=on}, alternating in every round, and prints throughput with the
 * agent divided by throughput without (medians over the rounds, and the spread of the per-round ratios). It
 * prints figures and judges them against the targets; it never fails a build.
 *
 * <pre>
 * java -cp sample-apps/target/threadhound-samples.jar dev.threadhound.samples.bench.Overhead \
 *      [--java=/path/to/bin/java] [--agent=agent/target/threadhound-agent.jar] [--rounds=15] [--quick]
 * </pre>
 */
public final class Overhead {

    private static final List<String> CONFIGS = List.of("none", "jfr=off", "jfr=on");
    private static final List<String> POOLS = List.of("tpe", "fjp");
    private static final List<String> SIZES = List.of("empty", "1us", "10us");
    private static final Map<String, Double> TARGETS = Map.of("empty", 0.85, "1us", 0.97, "10us", 0.99);
    /** With JFR streaming on, the agent may cost this much more at most (of the run without any agent). */
    private static final double JFR_ON_TARGET = 0.95;

    private Overhead() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        String java = OverheadWorkload.option(args, "--java=",
                Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        Path agent = Paths.get(OverheadWorkload.option(args, "--agent=", "agent/target/threadhound-agent.jar"));
        int rounds = Integer.parseInt(OverheadWorkload.option(args, "--rounds=", quick ? "2" : "15"));
        String scale = quick ? "0.1" : OverheadWorkload.option(args, "--scale=", "1.0");
        if (!Files.isRegularFile(agent)) {
            System.err.println("overhead: no agent jar at " + agent + " (build it, or give --agent=<path>)");
            System.exit(2);
        }
        // Calibrated once here and handed to every child, so each configuration runs exactly the same work.
        int iterations1us = BusyWork.iterationsFor(1_000);
        int iterations10us = BusyWork.iterationsFor(10_000);
        System.out.printf(Locale.ROOT, "java %s, %d rounds, scale %s, busy work: %d iterations ~1 us, %d ~10 us%n",
                java, rounds, scale, iterations1us, iterations10us);

        List<WorkloadJvm> jvms = new ArrayList<>();
        try {
            for (String config : CONFIGS) {
                jvms.add(WorkloadJvm.start(config, command(java, agent, config, scale, iterations1us, iterations10us)));
            }
            Results results = new Results();
            for (int round = 0; round < rounds; round++) {
                StringBuilder line = new StringBuilder("round " + (round + 1) + " ns/task (none, jfr=off, jfr=on):");
                for (String size : SIZES) {
                    for (String pool : POOLS) {
                        line.append("  ").append(pool).append('/').append(size);
                        for (int i = 0; i < jvms.size(); i++) {
                            // each round starts with another configuration, so drift in the machine's load is
                            // shared out evenly
                            WorkloadJvm jvm = jvms.get((round + i) % jvms.size());
                            results.add(jvm.config(), pool + " " + size, round, jvm.run(pool, size));
                        }
                        for (String config : CONFIGS) {
                            line.append(String.format(Locale.ROOT, " %.0f", results.get(config, pool + " " + size, round)));
                        }
                    }
                }
                System.out.println(line);
            }
            print(jvms.get(0).jdk(), rounds, results);
        } finally {
            for (WorkloadJvm jvm : jvms) {
                jvm.close();
            }
        }
    }

    private static List<String> command(String java, Path agent, String config, String scale, int it1, int it10) {
        List<String> command = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx512m"));
        if (!config.equals("none")) {
            command.add("-javaagent:" + agent.toAbsolutePath() + "=port=0," + config);
        }
        command.addAll(List.of("-cp", ownClassPath(), OverheadWorkload.class.getName(),
                "--iterations-1us=" + it1, "--iterations-10us=" + it10, "--scale=" + scale));
        return command;
    }

    private static void print(String jdk, int rounds, Results results) {
        System.out.println();
        System.out.println("throughput with the agent / without (median over " + rounds + " rounds; spread = per-round min-max)");
        for (String config : CONFIGS.subList(1, CONFIGS.size())) {
            for (String pool : POOLS) {
                for (String size : SIZES) {
                    String key = pool + " " + size;
                    double without = results.median("none", key);
                    double with = results.median(config, key);
                    double[] spread = results.ratioSpread(config, key);
                    System.out.printf(Locale.ROOT, "%s %s %-5s %-7s ratio=%.3f (with %.1f ns/task, without %.1f ns/task) spread %.3f-%.3f%n",
                            jdk, pool, size, config, without / with, with, without, spread[0], spread[1]);
                }
            }
        }
        System.out.println();
        System.out.println("| JDK | pool | task | target | jfr=off | jfr=on |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (String pool : POOLS) {
            for (String size : SIZES) {
                String key = pool + " " + size;
                double target = TARGETS.get(size);
                double off = results.median("none", key) / results.median("jfr=off", key);
                double on = results.median("none", key) / results.median("jfr=on", key);
                System.out.printf(Locale.ROOT, "| %s | %s | %s | ≥ %.2f | %s | %s |%n", jdk, pool, size, target,
                        judged(off, target, results.ratioSpread("jfr=off", key)),
                        judged(on, Math.min(target, JFR_ON_TARGET), results.ratioSpread("jfr=on", key)));
            }
        }
    }

    private static String judged(double ratio, double target, double[] spread) {
        return String.format(Locale.ROOT, "%.3f (%.2f-%.2f)%s", ratio, spread[0], spread[1], ratio >= target ? "" : " MISS");
    }

    /** The class path this class was loaded from: the samples jar, or the build's classes directory. */
    private static String ownClassPath() {
        try {
            return new File(Overhead.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        } catch (Exception e) {
            return System.getProperty("java.class.path");
        }
    }

    /** Nanoseconds per task by configuration, then pool and size, then round. */
    private static final class Results {
        private final Map<String, Map<String, Map<Integer, Double>>> nanos = new LinkedHashMap<>();

        void add(String config, String key, int round, double value) {
            nanos.computeIfAbsent(config, c -> new LinkedHashMap<>())
                    .computeIfAbsent(key, k -> new LinkedHashMap<>()).put(round, value);
        }

        double get(String config, String key, int round) {
            return nanos.get(config).get(key).get(round);
        }

        double median(String config, String key) {
            return medianOf(new ArrayList<>(nanos.get(config).get(key).values()));
        }

        /** Lowest and highest per-round ratio of throughput with the agent to without, each within one round. */
        double[] ratioSpread(String config, String key) {
            Map<Integer, Double> without = nanos.get("none").get(key);
            double min = Double.MAX_VALUE;
            double max = 0;
            for (Map.Entry<Integer, Double> e : nanos.get(config).get(key).entrySet()) {
                double ratio = without.get(e.getKey()) / e.getValue();
                min = Math.min(min, ratio);
                max = Math.max(max, ratio);
            }
            return new double[] {min, max};
        }

        private static double medianOf(List<Double> values) {
            values.sort(null);
            int n = values.size();
            return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
        }
    }
}
