package dev.threadhound.samples.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What lock-order tracking costs the code that takes locks, in JVMs of {@link LockOrderWorkload} started side by side:
 * no agent, the agent with {@code lockOrder=off} (its default) and with {@code lockOrder=on}, in a rotating order,
 * {@code --forks} times. Prints, per shape of locking, the median ns per acquisition of each configuration and what
 * the agent adds; then ten million short-lived locks under {@code lockOrder=on} and without the agent: the time they
 * take and the heap in use after GC before and after. It prints figures; it never fails.
 *
 * <pre>
 * java -cp sample-apps/target/threadhound-samples.jar dev.threadhound.samples.bench.LockOrderCost \
 *      [--java=/path/to/bin/java] [--agent=agent/target/threadhound-agent.jar] [--forks=5] [--locks=10000000]
 * </pre>
 */
public final class LockOrderCost {

    private static final Pattern RESULT = Pattern.compile("result (\\w+) ([0-9.]+)");
    private static final Pattern CHURN = Pattern.compile("churn locks=\\d+ seconds=([0-9.]+) heap before=(\\d+) after=(\\d+) retained=(-?\\d+)");
    private static final List<String> CONFIGS = List.of("no agent", "lockOrder=off", "lockOrder=on");

    private LockOrderCost() {
    }

    public static void main(String[] args) throws Exception {
        String java = OverheadWorkload.option(args, "--java=", Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        Path agent = Paths.get(OverheadWorkload.option(args, "--agent=", "agent/target/threadhound-agent.jar")).toAbsolutePath();
        int forks = Integer.parseInt(OverheadWorkload.option(args, "--forks=", "5"));
        long locks = Long.parseLong(OverheadWorkload.option(args, "--locks=", "10000000"));
        if (!Files.isRegularFile(agent)) {
            System.err.println("lock-order-cost: no agent jar at " + agent + " (build it, or give --agent=<path>)");
            System.exit(2);
        }
        Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();
        CONFIGS.forEach(c -> results.put(c, new LinkedHashMap<>()));
        for (int fork = 0; fork < forks; fork++) {
            for (int i = 0; i < CONFIGS.size(); i++) {
                String config = CONFIGS.get((fork + i) % CONFIGS.size());
                TimedRun run = TimedRun.of(command(java, agent, config, "nested"));
                Matcher m = RESULT.matcher(run.stdout());
                if (!m.find()) {
                    throw new IllegalStateException(config + ": no result in\n" + run.stdout() + run.stderr());
                }
                do {
                    results.get(config).computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Double.parseDouble(m.group(2)));
                } while (m.find());
            }
        }
        System.out.printf(Locale.ROOT, "%s; %d forks per configuration; ns per acquisition, medians over forks"
                + " (uncontended, one thread)%n", version(java), forks);
        System.out.printf(Locale.ROOT, "%-8s %10s %14s %13s %16s %15s%n", "shape", "no agent", "lockOrder=off",
                "lockOrder=on", "off - no agent", "on - no agent");
        for (String shape : results.get(CONFIGS.get(0)).keySet()) {
            double none = median(results.get("no agent").get(shape));
            double off = median(results.get("lockOrder=off").get(shape));
            double on = median(results.get("lockOrder=on").get(shape));
            System.out.printf(Locale.ROOT, "%-8s %10.2f %14.2f %13.2f %+16.2f %+15.2f%n", shape, none, off, on, off - none,
                    on - none);
        }
        for (String config : List.of("no agent", "lockOrder=on")) {
            TimedRun run = TimedRun.of(command(java, agent, config, "churn", Long.toString(locks)));
            Matcher m = CHURN.matcher(run.stdout());
            if (!m.find()) {
                throw new IllegalStateException(config + ": no churn result in\n" + run.stdout() + run.stderr());
            }
            System.out.printf(Locale.ROOT, "%d short-lived locks, each inside one long-lived monitor, %s: %.1f s;"
                            + " heap in use after GC %.1f MB before, %.1f MB after (%+d bytes)%n", locks, config,
                    Double.parseDouble(m.group(1)), Long.parseLong(m.group(2)) / 1e6, Long.parseLong(m.group(3)) / 1e6,
                    Long.parseLong(m.group(4)));
        }
    }

    private static List<String> command(String java, Path agent, String config, String... workload) {
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m",
                // Each iteration is a call, in every configuration: no coarsening of locks across iterations.
                "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=dontinline,dev/threadhound/samples/bench/LockOrderWorkload.monitors",
                "-XX:CompileCommand=dontinline,dev/threadhound/samples/bench/LockOrderWorkload.locks",
                "-XX:CompileCommand=dontinline,dev/threadhound/samples/bench/LockOrderWorkload.single",
                "-XX:CompileCommand=dontinline,dev/threadhound/samples/bench/LockOrderWorkload.method"));
        if (!config.equals("no agent")) {
            command.add("-javaagent:" + agent + "=port=0," + config);
        }
        command.addAll(List.of("-cp", Overhead.ownClassPath(), LockOrderWorkload.class.getName()));
        command.addAll(List.of(workload));
        return command;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String version(String java) throws Exception {
        Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out.lines().skip(1).findFirst().orElse(java).strip();
    }
}
