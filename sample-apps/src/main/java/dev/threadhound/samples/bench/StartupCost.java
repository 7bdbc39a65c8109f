package dev.threadhound.samples.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the agent costs a JVM at start, in JVMs started side by side with and without it, alternating which goes
 * first: the added wall and CPU time of a hello world, the classes it loads, where its own start-up time goes
 * (phase by phase, from {@code -Dthreadhound.trace=startup}), what each class the application loads afterwards
 * costs (and what {@code lockOrder=on}, which reads every such class, adds per 1,000 classes), and how much a
 * CPU-bound application gets done in its first second while the agent starts around it.
 * It prints figures and the targets beside them; it never fails.
 *
 * <pre>
 * java -cp sample-apps/target/threadhound-samples.jar dev.threadhound.samples.bench.StartupCost \
 *      [--java=/path/to/bin/java] [--agent=agent/target/threadhound-agent.jar] [--options=port=0] [--pairs=10]
 *      [--library=sample-apps/target/bench-libs/guava.jar]
 * </pre>
 */
public final class StartupCost {

    private static final Pattern PHASE = Pattern.compile("threadhound: start-up ([^:]+): ([0-9.]+) ms wall(?:, ([0-9.]+) ms cpu)?");
    private static final Pattern LOADED = Pattern.compile("loaded (\\d+) classes in (\\d+) ns");
    private static final Pattern KERNELS = Pattern.compile("kernels (\\d+)");
    private static final Pattern RETURNED = Pattern.compile("main returns at (\\d+)");

    private final String java;
    private final Path agent;
    private final String options;
    private final int pairs;

    private StartupCost(String java, Path agent, String options, int pairs) {
        this.java = java;
        this.agent = agent;
        this.options = options;
        this.pairs = pairs;
    }

    public static void main(String[] args) throws Exception {
        String java = OverheadWorkload.option(args, "--java=", Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        Path agent = Paths.get(OverheadWorkload.option(args, "--agent=", "agent/target/threadhound-agent.jar")).toAbsolutePath();
        Path library = Paths.get(OverheadWorkload.option(args, "--library=", "sample-apps/target/bench-libs/guava.jar")).toAbsolutePath();
        String options = OverheadWorkload.option(args, "--options=", "port=0");
        int pairs = Integer.parseInt(OverheadWorkload.option(args, "--pairs=", "10"));
        if (!Files.isRegularFile(agent)) {
            System.err.println("startup-cost: no agent jar at " + agent + " (build it, or give --agent=<path>)");
            System.exit(2);
        }
        StartupCost bench = new StartupCost(java, agent, options, pairs);
        try (JarFile jar = new JarFile(agent.toFile())) {
            System.out.printf(Locale.ROOT, "%s; agent %s (%.1f MB, %d entries), options %s; %d alternating pairs; load average %.1f%n",
                    version(java), agent, Files.size(agent) / 1e6, jar.size(), options, pairs, loadAverage());
        }
        bench.helloWorld();
        bench.classesAtStart();
        bench.phases();
        if (Files.isRegularFile(library)) {
            bench.perClass(library);
        } else {
            System.out.println("per class loaded after start: no library jar at " + library + " (mvn package copies guava there)");
        }
        bench.firstSecond();
        bench.exitAfterMain();
    }

    private void helloWorld() throws Exception {
        List<TimedRun> without = new ArrayList<>();
        List<TimedRun> with = new ArrayList<>();
        alternate(List.of("hello"), List.of(), without, with);
        double wall = median(with, TimedRun::wallMillis) - median(without, TimedRun::wallMillis);
        double cpu = median(with, TimedRun::cpuMillis) - median(without, TimedRun::cpuMillis);
        System.out.printf(Locale.ROOT, "hello world: no agent %.0f ms wall, %.0f ms cpu; agent %.0f ms wall, %.0f ms cpu;"
                        + " added %.0f ms wall (target <= 250), %.0f ms cpu (target <= 400) [medians]%n",
                median(without, TimedRun::wallMillis), median(without, TimedRun::cpuMillis),
                median(with, TimedRun::wallMillis), median(with, TimedRun::cpuMillis), wall, cpu);
        long stderrLines = with.stream().mapToLong(r -> r.stderr().lines().count()).sum();
        System.out.println("hello world under the agent printed " + stderrLines + " stderr lines in " + pairs + " runs");
    }

    private void classesAtStart() throws Exception {
        Path log = Files.createTempFile("class-load", ".log");
        try {
            String flag = "-Xlog:class+load:file=" + log;
            TimedRun.of(command(List.of(flag), false, List.of("hello")));
            long without = Files.readAllLines(log).size();
            TimedRun.of(command(List.of(flag), true, List.of("hello")));
            List<String> lines = Files.readAllLines(log);
            long own = lines.stream().filter(l -> l.contains(" dev.threadhound.") || l.contains(" java.lang.Threadhound")).count();
            System.out.printf(Locale.ROOT, "classes loaded by a hello world: no agent %d, agent %d (%d of them the agent's own)%n",
                    without, lines.size(), own);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Each phase's median over the runs; a JVM that lives 4 s lets the background phases (the MBean at 3 s) finish. */
    private void phases() throws Exception {
        Map<String, List<double[]>> phases = new LinkedHashMap<>();
        for (int i = 0; i < pairs; i++) {
            TimedRun run = TimedRun.of(command(List.of("-Dthreadhound.trace=startup"), true, List.of("live", "4000")));
            Matcher m = PHASE.matcher(run.stderr());
            while (m.find()) {
                phases.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(new double[] {
                        Double.parseDouble(m.group(2)), m.group(3) == null ? Double.NaN : Double.parseDouble(m.group(3))});
            }
        }
        System.out.println("the agent's start-up by phase (medians; premain: launcher to detection loop set-up, the rest in"
                + " the background):");
        phases.forEach((phase, values) -> System.out.printf(Locale.ROOT, "  %-26s %7.1f ms wall %7s%n", phase,
                medianOf(values, 0), Double.isNaN(values.get(0)[1]) ? "" : String.format(Locale.ROOT, "%5.1f ms cpu", medianOf(values, 1))));
    }

    private void perClass(Path library) throws Exception {
        List<TimedRun> without = new ArrayList<>();
        List<TimedRun> with = new ArrayList<>();
        alternate(List.of("load", library.toString()), List.of(), without, with);
        long classes = loaded(without.get(0))[0];
        double nsWithout = median(without, r -> (double) loaded(r)[1] / loaded(r)[0]);
        double nsWith = median(with, r -> (double) loaded(r)[1] / loaded(r)[0]);
        System.out.printf(Locale.ROOT, "per class loaded right after start (%s, %d classes): no agent %.1f us, agent %.1f us,"
                + " added %.0f ns per class [medians]%n", library.getFileName(), classes, nsWithout / 1e3, nsWith / 1e3, nsWith - nsWithout);
        // The same 5 s after start: what the transformer itself costs, without the agent's background start-up
        // (JFR stream, MBean, first cycle) competing for the cores.
        List<TimedRun> settledWithout = new ArrayList<>();
        List<TimedRun> settledWith = new ArrayList<>();
        alternate(List.of("settled-load", library.toString()), List.of(), settledWithout, settledWith);
        double settledNsWithout = median(settledWithout, r -> (double) loaded(r)[1] / loaded(r)[0]);
        double settledNsWith = median(settledWith, r -> (double) loaded(r)[1] / loaded(r)[0]);
        System.out.printf(Locale.ROOT, "per class loaded 5 s after start: no agent %.1f us, agent %.1f us, added %.0f ns per class"
                + " [medians]%n", settledNsWithout / 1e3, settledNsWith / 1e3, settledNsWith - settledNsWithout);
        // lockOrder=on keeps a transformer that reads every class loaded after start and rewrites those taking locks.
        // Measured once the agent's own background start-up is over, which would otherwise weigh on both sides.
        List<TimedRun> plain = new ArrayList<>();
        List<TimedRun> tracking = new ArrayList<>();
        StartupCost lockOrder = new StartupCost(java, agent, options.isEmpty() ? "lockOrder=on" : options + ",lockOrder=on", pairs);
        lockOrder.alternateAgents(this, List.of("settled-load", library.toString()), plain, tracking);
        double nsPlain = median(plain, r -> (double) loaded(r)[1] / loaded(r)[0]);
        double nsTracking = median(tracking, r -> (double) loaded(r)[1] / loaded(r)[0]);
        System.out.printf(Locale.ROOT, "per class loaded 5 s after start, lockOrder=on against the agent as above: %.1f us"
                        + " against %.1f us, added %.0f ns per class, %.1f ms per 1,000 classes loaded [medians]%n",
                nsTracking / 1e3, nsPlain / 1e3, nsTracking - nsPlain, (nsTracking - nsPlain) / 1e3);
    }

    /** Runs {@code workload} under {@code other}'s agent options and under this one's, alternating which goes first. */
    private void alternateAgents(StartupCost other, List<String> workload, List<TimedRun> otherRuns, List<TimedRun> own)
            throws Exception {
        for (int i = 0; i < pairs; i++) {
            boolean ownFirst = i % 2 == 1;
            for (boolean mine : ownFirst ? List.of(true, false) : List.of(false, true)) {
                (mine ? own : otherRuns).add(TimedRun.of((mine ? this : other).command(List.of(), true, workload)));
            }
        }
    }

    private void firstSecond() throws Exception {
        List<TimedRun> without = new ArrayList<>();
        List<TimedRun> with = new ArrayList<>();
        alternate(List.of("first-second"), List.of(), without, with);
        double a = median(without, StartupCost::kernels);
        double b = median(with, StartupCost::kernels);
        System.out.printf(Locale.ROOT, "first second of a CPU-bound main: %.0f kernels without, %.0f with the agent;"
                + " ratio %.3f [medians]%n", a, b, b / a);
    }

    /**
     * How long a JVM takes to end once {@code main} has returned, without the agent, with it as asked, and with its
     * endpoint on: the JVM waits up to 300 ms at its halt for a thread in native code, such as a server's.
     */
    private void exitAfterMain() throws Exception {
        List<String> workload = List.of("exit", "2000");
        String endpointOff = options.replaceAll("(^|,)port=[^,]*", "");
        List<List<TimedRun>> runs = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < pairs; i++) {
            for (int k = 0; k < 3; k++) {
                int which = (i + k) % 3;
                String endpoint;
                try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                    endpoint = (endpointOff.isEmpty() ? "" : endpointOff + ",") + "port=" + free.getLocalPort();
                }
                StartupCost run = which == 2 ? new StartupCost(java, agent, endpoint, pairs) : this;
                runs.get(which).add(TimedRun.of(run.command(List.of(), which > 0, workload)));
            }
        }
        double[] exit = runs.stream().mapToDouble(r -> median(r, StartupCost::exitMillis)).toArray();
        System.out.printf(Locale.ROOT, "exit once main has returned: no agent %.0f ms, agent (%s) %.0f ms, agent with"
                + " its endpoint on %.0f ms [medians]%n", exit[0], options, exit[1], exit[2]);
    }

    private static double exitMillis(TimedRun run) {
        Matcher m = RETURNED.matcher(run.stdout());
        return m.find() ? run.endedAt() - Long.parseLong(m.group(1)) : Double.NaN;
    }

    private void alternate(List<String> workload, List<String> jvmArgs, List<TimedRun> without, List<TimedRun> with)
            throws Exception {
        for (int i = 0; i < pairs; i++) {
            boolean agentFirst = i % 2 == 1;
            for (boolean withAgent : agentFirst ? List.of(true, false) : List.of(false, true)) {
                (withAgent ? with : without).add(TimedRun.of(command(jvmArgs, withAgent, workload)));
            }
        }
    }

    private List<String> command(List<String> jvmArgs, boolean withAgent, List<String> workload) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmArgs);
        if (withAgent) {
            command.add("-javaagent:" + agent + (options.isEmpty() ? "" : "=" + options));
        }
        command.addAll(List.of("-cp", Overhead.ownClassPath(), StartupWorkloads.class.getName()));
        command.addAll(workload);
        return command;
    }

    private static long[] loaded(TimedRun run) {
        Matcher m = LOADED.matcher(run.stdout());
        if (!m.find()) {
            throw new IllegalStateException("no class count in: " + run.stdout() + run.stderr());
        }
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    private static double kernels(TimedRun run) {
        Matcher m = KERNELS.matcher(run.stdout());
        if (!m.find()) {
            throw new IllegalStateException("no kernel count in: " + run.stdout() + run.stderr());
        }
        return Double.parseDouble(m.group(1));
    }

    private static double median(List<TimedRun> runs, java.util.function.ToDoubleFunction<TimedRun> value) {
        List<Double> values = new ArrayList<>();
        runs.forEach(r -> values.add(value.applyAsDouble(r)));
        return median(values);
    }

    private static double medianOf(List<double[]> values, int index) {
        List<Double> column = new ArrayList<>();
        values.forEach(v -> column.add(v[index]));
        return median(column);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String version(String java) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out.lines().skip(1).findFirst().orElse(java).strip();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
