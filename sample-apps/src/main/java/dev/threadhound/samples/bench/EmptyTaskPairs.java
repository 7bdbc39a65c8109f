package dev.threadhound.samples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hardest case of {@link Overhead}, pinned down: empty tasks through a two-worker {@code ThreadPoolExecutor},
 * where the pool's workers park and wake for every few tasks. Each pair starts a fresh JVM for every configuration
 * (in a rotating order), warms it up, runs five batches of two million tasks and keeps their median, wall and
 * process CPU per task. The configurations: no agent; the agent at its defaults ({@code jfr=on}); the agent with
 * {@code jfr=off}; with {@code tasks=off} (no hook per task), alone and with {@code jfr=off}; and no agent but a JFR recording of the two events the agent streams ({@code jdk.ThreadPark} and
 * {@code jdk.JavaMonitorEnter} over 10 ms), which tells the agent's cost apart from JFR's own.
 *
 * <p>{@code --pool=tpe-timed} lets the pool's idle workers time out: they wait for each task in a timed {@code poll},
 * which the task's arrival signals, so every wait ends through the agent's count of signalled waits.
 *
 * <p>{@code --pool=vthread} (JDK 21 or later) runs the same with a virtual thread per task instead, 200,000 a
 * batch: the thread's start and end are what is measured, as in a server that runs each request on a thread of
 * its own.
 *
 * <pre>
 * java -cp sample-apps/target/threadhound-samples.jar dev.threadhound.samples.bench.EmptyTaskPairs \
 *      [--java=/path/to/bin/java] [--agent=agent/target/threadhound-agent.jar] [--pairs=20] [--pool=tpe|tpe-timed|fjp|vthread]
 * </pre>
 */
public final class EmptyTaskPairs {

    private static final List<String> CONFIGS = List.of("none", "agent", "agent jfr=off", "agent tasks=off",
            "agent tasks=off,jfr=off", "jfr events, no agent");
    private static final int BATCHES = 5;

    private EmptyTaskPairs() {
    }

    public static void main(String[] args) throws Exception {
        String java = OverheadWorkload.option(args, "--java=", Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        Path agent = Paths.get(OverheadWorkload.option(args, "--agent=", "agent/target/threadhound-agent.jar")).toAbsolutePath();
        int pairs = Integer.parseInt(OverheadWorkload.option(args, "--pairs=", "20"));
        String pool = OverheadWorkload.option(args, "--pool=", "tpe");
        Path settings = Files.createTempFile("threadhound-events", ".jfc");
        Files.writeString(settings, """
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration version="2.0">
                  <event name="jdk.ThreadPark"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">10 ms</setting></event>
                  <event name="jdk.JavaMonitorEnter"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">10 ms</setting></event>
                </configuration>
                """);
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        try {
            for (int pair = 0; pair < pairs; pair++) {
                StringBuilder line = new StringBuilder("pair " + (pair + 1) + " wall/cpu ns per task:");
                for (int i = 0; i < CONFIGS.size(); i++) {
                    String config = CONFIGS.get((pair + i) % CONFIGS.size());
                    double[] r = runOne(config, pool, command(java, agent, settings, config));
                    results.computeIfAbsent(config, k -> new ArrayList<>()).add(r);
                    line.append(String.format(Locale.ROOT, "  %s %.1f/%.1f", config, r[0], r[1]));
                }
                System.out.println(line);
            }
        } finally {
            Files.deleteIfExists(settings);
        }
        double wallNone = median(results.get("none"), 0);
        double cpuNone = median(results.get("none"), 1);
        System.out.printf(Locale.ROOT, "%nempty tasks, %s, %d pairs of fresh JVMs; throughput ratio to no agent"
                + " (medians; > 1 is faster):%n", switch (pool) {
                    case "tpe" -> "two-worker ThreadPoolExecutor";
                    case "tpe-timed" -> "two-worker ThreadPoolExecutor whose idle workers time out";
                    case "fjp" -> "ForkJoinPool of two";
                    default -> "a virtual thread per task";
                }, pairs);
        for (String config : CONFIGS) {
            double wall = median(results.get(config), 0);
            double cpu = median(results.get(config), 1);
            System.out.printf(Locale.ROOT, "  %-22s wall %6.1f ns/task (ratio %.3f)   cpu %6.1f ns/task (ratio %.3f)%n",
                    config, wall, wallNone / wall, cpu, cpuNone / cpu);
        }
    }

    /** The median wall and CPU nanoseconds per task of one JVM's batches. */
    private static double[] runOne(String config, String pool, List<String> command) throws IOException {
        try (WorkloadJvm jvm = WorkloadJvm.start(config, command)) {
            List<double[]> batches = new ArrayList<>();
            for (int b = 0; b < BATCHES; b++) {
                batches.add(jvm.run(pool, "empty"));
            }
            return new double[] {median(batches, 0), median(batches, 1)};
        }
    }

    /** The JVM of one configuration. */
    private static List<String> command(String java, Path agent, Path settings, String config) {
        List<String> command = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx512m"));
        switch (config) {
            case "agent" -> command.add("-javaagent:" + agent + "=port=0");
            case "agent jfr=off" -> command.add("-javaagent:" + agent + "=port=0,jfr=off");
            case "agent tasks=off" -> command.add("-javaagent:" + agent + "=port=0,tasks=off");
            case "agent tasks=off,jfr=off" -> command.add("-javaagent:" + agent + "=port=0,tasks=off,jfr=off");
            case "jfr events, no agent" -> command.add("-XX:StartFlightRecording=settings=" + settings);
            default -> { }
        }
        command.addAll(List.of("-cp", Overhead.ownClassPath(), OverheadWorkload.class.getName(), "--scale=2.0"));
        return command;
    }

    private static double median(List<double[]> values, int index) {
        List<Double> column = new ArrayList<>();
        values.forEach(v -> column.add(v[index]));
        Collections.sort(column);
        int n = column.size();
        return n % 2 == 1 ? column.get(n / 2) : (column.get(n / 2 - 1) + column.get(n / 2)) / 2;
    }
}
