package dev.threadhound.samples.bench;

import dev.threadhound.samples.VirtualThreadFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.management.OperatingSystemMXBean;

/**
 * The program {@link Scale} runs in each child JVM, with or without the agent: it starts N threads (platform or
 * virtual) that all park on one latch for good, then measures what a user of the agent would feel, phase by phase,
 * and prints one {@code result key=value ...} line.
 *
 * <ol>
 *   <li>start: how long starting the N threads takes (until each is parked), with a 10 ms ticker thread running;</li>
 *   <li>finding (with the agent's endpoint): polls {@code /findings} until one {@code LEAKED_THREAD} finding
 *       counts all N threads, noting when the first one appeared and the most such findings seen at once;</li>
 *   <li>idle: {@code --idle} seconds doing nothing: process CPU, CPU of the agent's own threads (also over the second
 *       half alone), the detector cycle's cost from {@code /metrics}, and the ticker's worst delay;</li>
 *   <li>endpoints: latency and size of {@code /findings}, {@code /threads}, {@code /metrics};</li>
 *   <li>memory: heap in use after {@code System.gc()} and the process' resident set;</li>
 *   <li>ending: the N threads released at once, how long until all have ended ({@code ended} line after the
 *       result; {@link Scale} times the exit after it).</li>
 * </ol>
 *
 * <pre>
 * java [-javaagent:threadhound-agent.jar=port=P,stuckAfter=5s] -cp threadhound-samples.jar \
 *      dev.threadhound.samples.bench.ScaleWorkload --kind=platform|virtual --threads=N [--idle=30] [--port=P]
 * </pre>
 */
public final class ScaleWorkload {

    /** Requests timed per endpoint. */
    private static final int REQUESTS = 5;

    private final Map<String, String> result = new LinkedHashMap<>();
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final Ticker ticker = Ticker.start();

    private ScaleWorkload() {
    }

    public static void main(String[] args) throws Exception {
        String kind = OverheadWorkload.option(args, "--kind=", "platform");
        int threads = Integer.parseInt(OverheadWorkload.option(args, "--threads=", "1000"));
        int idleSeconds = Integer.parseInt(OverheadWorkload.option(args, "--idle=", "30"));
        int port = Integer.parseInt(OverheadWorkload.option(args, "--port=", "0"));
        int findingTimeout = Integer.parseInt(OverheadWorkload.option(args, "--finding-timeout=", "180"));
        new ScaleWorkload().run(kind, threads, idleSeconds, port, findingTimeout);
        System.exit(0);
    }

    private void run(String kind, int threads, int idleSeconds, int port, int findingTimeout) throws Exception {
        ThreadFactory factory = factory(kind);
        if (factory == null) {
            System.out.println("result unsupported=" + kind + "-threads-need-jdk-21");
            return;
        }
        Endpoint endpoint = port > 0 ? new Endpoint(port) : null;
        if (endpoint != null) {
            // the agent's background start (endpoint, JFR stream) is done before anything is timed
            endpoint.awaitUp(TimeUnit.SECONDS.toNanos(60));
            endpoint.awaitCycles(3, TimeUnit.SECONDS.toNanos(60));
        }
        warmUp(factory, Math.min(threads, 2_000));
        Thread.sleep(2_000);
        put("jdk", Runtime.version().feature());
        put("kind", kind);
        put("threads", threads);

        phase("start");
        ticker.reset();
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger parked = new AtomicInteger();
        Runnable park = () -> {
            parked.incrementAndGet();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        List<Thread> crowd = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            Thread t = factory.newThread(park);
            t.start();
            crowd.add(t);
        }
        long started = System.nanoTime();
        while (parked.get() < threads) {
            Thread.sleep(1);
        }
        long allParked = System.nanoTime();
        put("start_s", seconds(started - t0));
        put("start_parked_s", seconds(allParked - t0));
        put("start_cpu_s", seconds(os.getProcessCpuTime() - cpu0));
        put("start_rate_per_s", Math.round(threads / seconds(allParked - t0)));
        put("ticker_start_max_ms", ticker.worstMillis());

        if (endpoint != null) {
            phase("finding");
            ticker.reset();
            awaitFinding(endpoint, threads, allParked, TimeUnit.SECONDS.toNanos(findingTimeout));
        } else {
            phase("finding");
            ticker.reset();
            Thread.sleep(2_000);
        }
        put("ticker_finding_max_ms", ticker.worstMillis());

        phase("idle");
        Map<String, Double> cycles0 = endpoint != null ? endpoint.cycleMetrics() : Map.of();
        double agent0 = agentCpuSeconds();
        long idle0 = os.getProcessCpuTime();
        long idleWall0 = System.nanoTime();
        ticker.reset();
        // the second half apart: the first can hold the agent's warm-up cycles, which come every interval
        Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds) / 2);
        double agentHalf = agentCpuSeconds();
        long halfWall = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds) - TimeUnit.SECONDS.toMillis(idleSeconds) / 2);
        put("agent_cpu_late_pct", 100 * (agentCpuSeconds() - agentHalf) / seconds(System.nanoTime() - halfWall));
        double idleWall = seconds(System.nanoTime() - idleWall0);
        double idleCpu = seconds(os.getProcessCpuTime() - idle0);
        double agentCpu = agentCpuSeconds() - agent0;
        put("ticker_idle_max_ms", ticker.worstMillis());
        put("ticker_idle_over_5ms", ticker.lateOver5ms());
        put("idle_s", idleWall);
        put("idle_cpu_pct", 100 * idleCpu / idleWall);
        put("agent_cpu_pct", 100 * agentCpu / idleWall);
        put("agent_cpu_s_per_min", agentCpu * 60 / idleWall);
        if (endpoint != null) {
            Map<String, Double> cycles1 = endpoint.cycleMetrics();
            double n = cycles1.getOrDefault("count", 0.0) - cycles0.getOrDefault("count", 0.0);
            if (n > 0) {
                put("cycles", n);
                put("cycle_ms", 1000 * (cycles1.get("sum") - cycles0.get("sum")) / n);
                put("cycle_max_ms", 1000 * cycles1.getOrDefault("max", Double.NaN));
                put("cycle_cpu_ms", 1000 * (cycles1.getOrDefault("cpu", 0.0) - cycles0.getOrDefault("cpu", 0.0)) / n);
            }
        }

        if (endpoint != null) {
            phase("endpoints");
            ticker.reset();
            for (String path : List.of("/findings", "/threads", "/metrics")) {
                long[] nanos = new long[REQUESTS];
                long bytes = 0;
                for (int i = 0; i < REQUESTS; i++) {
                    long s = System.nanoTime();
                    bytes = endpoint.get(path).length();
                    nanos[i] = System.nanoTime() - s;
                }
                Arrays.sort(nanos);
                String key = path.substring(1);
                put(key + "_ms", nanos[REQUESTS / 2] / 1e6);
                put(key + "_max_ms", nanos[REQUESTS - 1] / 1e6);
                put(key + "_kb", bytes / 1024.0);
            }
            put("ticker_endpoints_max_ms", ticker.worstMillis());
        }

        phase("memory");
        put("heap_mb", heapAfterGc() / 1e6);
        put("rss_mb", rssBytes() / 1e6);
        phase("end");
        StringBuilder line = new StringBuilder("result");
        result.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        System.out.println(line);
        // all released at once, as a pool of thousands shrinking: how long they take to end, and (Scale times it)
        // how long the JVM then takes to exit
        long released = System.nanoTime();
        never.countDown();
        for (Thread t : crowd) {
            t.join();
        }
        System.out.println("ended " + seconds(System.nanoTime() - released));
    }

    /** Starts and joins short-lived threads first, so the timed start runs compiled code with and without the agent. */
    private static void warmUp(ThreadFactory factory, int threads) throws InterruptedException {
        List<Thread> started = new java.util.ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = factory.newThread(() -> { });
            t.start();
            started.add(t);
        }
        for (Thread t : started) {
            t.join();
        }
    }

    /** Waits until one LEAKED_THREAD finding counts every thread, or the timeout. */
    private void awaitFinding(Endpoint endpoint, int threads, long since, long timeoutNanos) throws Exception {
        long first = -1;
        long full = -1;
        int mostFindings = 0;
        int lastCount = 0;
        long deadline = System.nanoTime() + timeoutNanos;
        while (System.nanoTime() < deadline) {
            List<Integer> counts = Endpoint.leakedThreadCounts(endpoint.get("/findings"));
            long now = System.nanoTime();
            if (!counts.isEmpty() && first < 0) {
                first = now;
            }
            mostFindings = Math.max(mostFindings, counts.size());
            lastCount = counts.stream().mapToInt(Integer::intValue).max().orElse(0);
            if (counts.size() == 1 && lastCount >= threads) {
                full = now;
                break;
            }
            Thread.sleep(100);
        }
        put("first_finding_s", first < 0 ? Double.NaN : seconds(first - since));
        put("full_finding_s", full < 0 ? Double.NaN : seconds(full - since));
        put("findings_at_once_max", mostFindings);
        put("finding_count", lastCount);
    }

    /** CPU time of threadhound's own threads ({@code threadhound-*}), platform threads all. */
    private double agentCpuSeconds() {
        long total = 0;
        long[] ids = mx.getAllThreadIds();
        ThreadInfo[] infos = mx.getThreadInfo(ids, 0);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && infos[i].getThreadName().startsWith("threadhound-")) {
                long cpu = mx.getThreadCpuTime(ids[i]);
                total += Math.max(0, cpu);
            }
        }
        return seconds(total);
    }

    /** Heap in use after a full collection; the lowest of three, since a collection can leave some behind. */
    private static long heapAfterGc() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    private static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (Exception e) {
            // not Linux: no figure
        }
        return -1;
    }

    /**
     * Marks a phase in the output with the JVM's uptime, so {@link Scale} can read the safepoint log of each phase.
     */
    private static void phase(String name) {
        System.out.println("phase " + name + " " + ManagementFactory.getRuntimeMXBean().getUptime());
    }

    /** Parked threads of the kind asked for; virtual threads through the JDK 21 API, or null before JDK 21. */
    private static ThreadFactory factory(String kind) throws ReflectiveOperationException {
        if (kind.equals("platform")) {
            AtomicInteger n = new AtomicInteger();
            return r -> {
                Thread t = new Thread(r, "bench-parked-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }
        if (Runtime.version().feature() < 21) {
            return null;
        }
        return VirtualThreadFactory.numbered("bench-virtual-", 1L);
    }

    private void put(String key, Object value) {
        result.put(key, value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(value));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
