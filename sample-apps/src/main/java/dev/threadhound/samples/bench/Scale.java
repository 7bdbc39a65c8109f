package dev.threadhound.samples.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the agent costs a JVM with many threads: for each workload (N platform or virtual threads parked for good)
 * it runs {@link ScaleWorkload} in a fresh JVM without the agent and with it, alternating which goes first each
 * round, one JVM at a time, and prints every measurement side by side: thread start rate, idle CPU, the detector
 * cycle, the worst delay of a 10 ms ticker thread and the longest JVM pause (safepoint) while idle, heap after GC
 * and resident set, time to the finding, and the endpoints' latency and size. It prints figures and the targets;
 * it never fails a build.
 *
 * <pre>
 * java -cp sample-apps/target/threadhound-samples.jar dev.threadhound.samples.bench.Scale \
 *      [--java=/path/to/bin/java] [--agent=agent/target/threadhound-agent.jar] [--agent-options=stuckAfter=5s]
 *      [--workloads=platform:1000,platform:10000,virtual:10000,virtual:100000] [--idle=30] [--rounds=1]
 *      [--baseline=/path/to/another/threadhound-agent.jar]
 * </pre>
 *
 * With {@code --baseline}, each workload also runs under that agent jar (an older build, say), in the same rotation,
 * so that before and after are measured side by side under the same load.
 *
 * Virtual-thread workloads need JDK 21 or later and are left out (said once) on an older {@code --java}.
 */
public final class Scale {

    private static final String DEFAULT_WORKLOADS = "platform:1000,platform:10000,virtual:10000,virtual:100000";

    private Scale() {
    }

    public static void main(String[] args) throws Exception {
        String java = OverheadWorkload.option(args, "--java=",
                Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        Path agent = Paths.get(OverheadWorkload.option(args, "--agent=", "agent/target/threadhound-agent.jar"));
        String agentOptions = OverheadWorkload.option(args, "--agent-options=", "stuckAfter=5s");
        String workloads = OverheadWorkload.option(args, "--workloads=", DEFAULT_WORKLOADS);
        int idle = Integer.parseInt(OverheadWorkload.option(args, "--idle=", "30"));
        int rounds = Integer.parseInt(OverheadWorkload.option(args, "--rounds=", "1"));
        String baselineJar = OverheadWorkload.option(args, "--baseline=", "");
        Map<String, Path> agents = new LinkedHashMap<>();
        agents.put(ScaleTable.WITHOUT, null);
        if (!baselineJar.isEmpty()) {
            agents.put(ScaleTable.BASELINE, Paths.get(baselineJar));
        }
        agents.put(ScaleTable.WITH, agent);
        if (!Files.isRegularFile(agent)) {
            System.err.println("scale: no agent jar at " + agent + " (build it, or give --agent=<path>)");
            System.exit(2);
        }
        int jdk = feature(java);
        System.out.printf(Locale.ROOT, "scale: %s (JDK %d), agent options %s, %d s idle, %d round(s); load average %s%n",
                java, jdk, agentOptions, idle, rounds, loadAverage());

        Map<String, Map<String, List<Map<String, String>>>> results = new LinkedHashMap<>();
        List<String> configs = new ArrayList<>(agents.keySet());
        for (String workload : workloads.split(",")) {
            String[] kindAndCount = workload.trim().split(":");
            String kind = kindAndCount[0];
            int threads = Integer.parseInt(kindAndCount[1]);
            if (kind.equals("virtual") && jdk < 21) {
                System.out.println("scale: " + workload + " left out: virtual threads need JDK 21 or later");
                continue;
            }
            for (int round = 0; round < rounds; round++) {
                // a different configuration goes first each round
                for (int i = 0; i < configs.size(); i++) {
                    String config = configs.get((round + i) % configs.size());
                    Map<String, String> r = runOnce(java, agents.get(config), agentOptions, kind, threads, idle);
                    results.computeIfAbsent(config, c -> new LinkedHashMap<>())
                            .computeIfAbsent(workload, k -> new ArrayList<>()).add(r);
                    System.out.println(config + " " + workload + ": " + r);
                }
            }
        }
        System.out.println();
        System.out.println("load average at the end: " + loadAverage());
        ScaleTable.print(jdk, results);
    }

    /** One JVM: the workload with or without the agent; its result line, the longest pauses and the load. */
    private static Map<String, String> runOnce(String java, Path agent, String agentOptions, String kind, int threads,
                                               int idle) throws IOException, InterruptedException {
        Path safepoints = Files.createTempFile("threadhound-scale-safepoints", ".log");
        int port = agent != null ? freePort() : 0;
        List<String> command = new ArrayList<>(List.of(java, "-Xlog:safepoint:file=" + safepoints + ":uptimemillis"));
        if (agent != null) {
            command.add("-javaagent:" + agent.toAbsolutePath() + "=port=" + port
                    + (agentOptions.isEmpty() ? "" : "," + agentOptions));
        }
        command.addAll(List.of("-cp", ownClassPath(), ScaleWorkload.class.getName(),
                "--kind=" + kind, "--threads=" + threads, "--idle=" + idle, "--port=" + port));
        String loadBefore = loadAverage();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, String> result = new LinkedHashMap<>();
        Map<String, Long> phases = new LinkedHashMap<>();
        StringBuilder other = new StringBuilder();
        long endedAt = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("result")) {
                    for (String pair : line.substring("result".length()).trim().split(" ")) {
                        int eq = pair.indexOf('=');
                        result.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                } else if (line.startsWith("ended ")) {
                    result.put("end_s", line.substring("ended ".length()).trim());
                    endedAt = System.nanoTime();
                } else if (line.startsWith("phase ")) {
                    String[] f = line.split(" ");
                    phases.put(f[1], Long.parseLong(f[2]));
                } else {
                    other.append("  | ").append(line).append('\n');
                }
            }
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        if (endedAt >= 0) {
            // the console closes as the JVM ends
            result.put("exit_s", Double.toString((System.nanoTime() - endedAt) / 1e9));
        }
        if (result.isEmpty()) {
            throw new IOException("workload JVM gave no result: " + String.join(" ", command) + "\n" + other);
        }
        Safepoints pauses = Safepoints.read(safepoints);
        Files.deleteIfExists(safepoints);
        result.put("pause_start_ms", pauses.longest(phases.get("start"), phases.get("finding")));
        result.put("pause_finding_ms", pauses.longest(phases.get("finding"), phases.get("idle")));
        Long idleEnd = phases.get("endpoints") != null ? phases.get("endpoints") : phases.get("memory");
        result.put("pause_idle_ms", pauses.longest(phases.get("idle"), idleEnd));
        result.put("stops_idle_over_5ms", pauses.longerThan(5_000_000, phases.get("idle"), idleEnd));
        if (phases.get("endpoints") != null) {
            result.put("pause_endpoints_ms", pauses.longest(phases.get("endpoints"), phases.get("memory")));
        }
        result.put("load", loadBefore + " / " + loadAverage());
        return result;
    }

    private static int feature(String javaCommand) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(javaCommand, "-version").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = Pattern.compile("version \"(\\d+)").matcher(text);
        if (!m.find()) {
            throw new IOException("cannot tell the JDK version of " + javaCommand + ": " + text);
        }
        return Integer.parseInt(m.group(1));
    }

    /** A port free right now on loopback, for the agent's endpoint. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The 1, 5 and 15 minute load averages, since the machine's other work moves every figure here. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String ownClassPath() {
        try {
            return new File(Scale.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        } catch (Exception e) {
            return System.getProperty("java.class.path");
        }
    }
}
