package dev.threadhound.samples.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the agent costs in task throughput. Starts three {@link OverheadWorkload} JVMs (no agent; the agent with
 * {@code jfr=off}; the agent with {@code jfr=on}), warms them up, then in every round runs one batch of each pool
 * and task size in each JVM back to back, starting with a different JVM each round; after a share of the rounds
 * it starts three fresh JVMs. It prints throughput with
 * the agent divided by throughput without: the ratio of the medians over the rounds, the spread of the per-round
 * ratios, the ratio of the best rounds, and the ratio of process CPU per task. It prints figures and judges them
 * against the targets; it never fails a build.
 *
 * <pre>
 * java -cp sample-apps/target/threadhound-samples.jar dev.threadhound.samples.bench.Overhead \
 *      [--java=/path/to/bin/java] [--agent=agent/target/threadhound-agent.jar] [--rounds=30] [--forks=3] [--quick]
 * </pre>
 */
public final class Overhead {

    private static final List<String> CONFIGS = List.of("none", "jfr=off", "jfr=on");
    private static final List<String> POOLS = List.of("tpe", "fjp");
    private static final List<String> SIZES = List.of("empty", "1us", "10us");
    private static final Map<String, Double> TARGETS = Map.of("empty", 0.85, "1us", 0.97, "10us", 0.99);
    /** With JFR streaming on, throughput may drop to this share of the run without any agent, at most. */
    private static final double JFR_ON_TARGET = 0.95;

    private Overhead() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        String java = OverheadWorkload.option(args, "--java=",
                Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        Path agent = Paths.get(OverheadWorkload.option(args, "--agent=", "agent/target/threadhound-agent.jar"));
        int rounds = Integer.parseInt(OverheadWorkload.option(args, "--rounds=", quick ? "2" : "30"));
        int forks = Math.max(1, Math.min(rounds, Integer.parseInt(OverheadWorkload.option(args, "--forks=", quick ? "1" : "3"))));
        String scale = quick ? "0.1" : OverheadWorkload.option(args, "--scale=", "1.0");
        if (!Files.isRegularFile(agent)) {
            System.err.println("overhead: no agent jar at " + agent + " (build it, or give --agent=<path>)");
            System.exit(2);
        }
        // Calibrated once here and handed to every JVM, so each configuration runs exactly the same work.
        int iterations1us = BusyWork.iterationsFor(1_000);
        int iterations10us = BusyWork.iterationsFor(10_000);
        System.out.printf(Locale.ROOT, "java %s, %d rounds in %d sets of JVMs, scale %s, busy work: %d iterations ~1 us, %d ~10 us%n",
                java, rounds, forks, scale, iterations1us, iterations10us);

        BatchTimes wall = new BatchTimes();
        BatchTimes cpu = new BatchTimes();
        String jdk = "jdk?";
        for (int fork = 0; fork < forks; fork++) {
            // fresh JVMs now and then: a JVM can settle into a faster or slower state for good (compiled code,
            // where its threads run), which more rounds in the same JVM would never average out
            List<WorkloadJvm> jvms = new ArrayList<>();
            try {
                for (String config : CONFIGS) {
                    jvms.add(WorkloadJvm.start(config, command(java, agent, config, scale, iterations1us, iterations10us)));
                }
                jdk = jvms.get(0).jdk();
                int from = fork * rounds / forks;
                int to = (fork + 1) * rounds / forks;
                for (int round = from; round < to; round++) {
                    runRound(jvms, round, wall, cpu);
                }
            } finally {
                for (WorkloadJvm jvm : jvms) {
                    jvm.close();
                }
            }
        }
        print(jdk, rounds, forks, wall, cpu);
    }

    /** One batch of every pool and size in every JVM, the JVMs back to back, starting with another each round. */
    private static void runRound(List<WorkloadJvm> jvms, int round, BatchTimes wall, BatchTimes cpu) throws IOException {
        StringBuilder line = new StringBuilder("round " + (round + 1) + " wall ns/task (none, jfr=off, jfr=on):");
        for (String size : SIZES) {
            for (String pool : POOLS) {
                String key = pool + " " + size;
                for (int i = 0; i < jvms.size(); i++) {
                    WorkloadJvm jvm = jvms.get((round + i) % jvms.size());
                    double[] nanos = jvm.run(pool, size);
                    wall.add(jvm.config(), key, round, nanos[0]);
                    cpu.add(jvm.config(), key, round, nanos[1]);
                }
                line.append("  ").append(pool).append('/').append(size);
                for (String config : CONFIGS) {
                    line.append(String.format(Locale.ROOT, " %.0f", wall.get(config, key, round)));
                }
            }
        }
        System.out.println(line);
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

    private static void print(String jdk, int rounds, int forks, BatchTimes wall, BatchTimes cpu) {
        System.out.println();
        System.out.println("throughput with the agent / without: ratio of medians over " + rounds + " rounds in "
                + forks + " sets of JVMs"
                + " (spread: per-round min-max; best: ratio of the fastest rounds; cpu: ratio of process CPU per task over all rounds)");
        for (String config : CONFIGS.subList(1, CONFIGS.size())) {
            for (String pool : POOLS) {
                for (String size : SIZES) {
                    String key = pool + " " + size;
                    double[] spread = wall.ratioSpread(config, key);
                    System.out.printf(Locale.ROOT, "%s %s %-5s %-7s ratio=%.3f (with %.1f ns/task, without %.1f ns/task)"
                                    + " spread %.2f-%.2f best %.3f cpu %.3f%n",
                            jdk, pool, size, config, wall.ratio(config, key), wall.median(config, key),
                            wall.median("none", key), spread[0], spread[1], wall.bestRatio(config, key),
                            cpu.totalRatio(config, key));
                }
            }
        }
        System.out.println();
        System.out.println("| JDK | pool | task | target | jfr=off | jfr=on (target ≥ 0.95) | jfr=off best / cpu | jfr=on best / cpu |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        for (String pool : POOLS) {
            for (String size : SIZES) {
                String key = pool + " " + size;
                double target = TARGETS.get(size);
                System.out.printf(Locale.ROOT, "| %s | %s | %s | ≥ %.2f | %s | %s | %.3f / %.3f | %.3f / %.3f |%n",
                        jdk, pool, size, target,
                        judged(wall, "jfr=off", key, target), judged(wall, "jfr=on", key, JFR_ON_TARGET),
                        wall.bestRatio("jfr=off", key), cpu.totalRatio("jfr=off", key),
                        wall.bestRatio("jfr=on", key), cpu.totalRatio("jfr=on", key));
            }
        }
    }

    private static String judged(BatchTimes wall, String config, String key, double target) {
        double ratio = wall.ratio(config, key);
        double[] spread = wall.ratioSpread(config, key);
        return String.format(Locale.ROOT, "%.3f (%.2f-%.2f)%s", ratio, spread[0], spread[1],
                ratio >= target ? "" : " MISS");
    }

    /** The class path this class was loaded from: the samples jar, or the build's classes directory. */
    static String ownClassPath() {
        try {
            return new File(Overhead.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        } catch (Exception e) {
            return System.getProperty("java.class.path");
        }
    }
}
