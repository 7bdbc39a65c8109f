package dev.threadhound.samples.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.sun.management.OperatingSystemMXBean;

/**
 * The workload {@link Overhead} runs in each child JVM, with or without the agent. After a warm-up of every
 * combination it prints {@code ready} and then answers commands on stdin, so the parent can interleave batches of
 * several JVMs closely in time: {@code run <pool> <size>} pushes one batch through a fresh pool's {@code execute}
 * and prints {@code result <pool> <size> <wall ns per task> <process CPU ns per task>}; end of input ends the JVM. Pools: {@code tpe} (a
 * two-worker ThreadPoolExecutor), {@code tpe-timed} (the same, its idle workers timing out: they wait in a timed
 * {@code poll}), {@code fjp} (a ForkJoinPool of two), and from JDK 21 on {@code vthread} (a
 * virtual thread per task, as a server runs its requests: each task starts a thread and ends it; a tenth of the
 * tasks of the other pools per batch). Sizes: {@code empty}, {@code 1us}, {@code 10us}.
 *
 * <pre>
 * java -cp threadhound-samples.jar dev.threadhound.samples.bench.OverheadWorkload \
 *      [--iterations-1us=N] [--iterations-10us=N] [--scale=1.0]
 * </pre>
 */
public final class OverheadWorkload {

    /**
     * Tasks per batch at scale 1: each batch takes about a tenth of a second on two quiet cores, short enough that
     * many rounds fit between the bursts of other work on a shared machine.
     */
    static final int EMPTY_TASKS = 1_000_000;
    static final int ONE_MICRO_TASKS = 150_000;
    static final int TEN_MICRO_TASKS = 15_000;

    private OverheadWorkload() {
    }

    record Size(String name, int iterations, int tasks) {
    }

    public static void main(String[] args) throws IOException {
        int iterations1us = intOption(args, "--iterations-1us=", -1);
        int iterations10us = intOption(args, "--iterations-10us=", -1);
        if (iterations1us < 0 || iterations10us < 0) {
            iterations1us = BusyWork.iterationsFor(1_000);
            iterations10us = BusyWork.iterationsFor(10_000);
        }
        double scale = Double.parseDouble(option(args, "--scale=", "1.0"));
        Map<String, Size> sizes = new LinkedHashMap<>();
        for (Size s : List.of(new Size("empty", 0, scaled(EMPTY_TASKS, scale)),
                new Size("1us", iterations1us, scaled(ONE_MICRO_TASKS, scale)),
                new Size("10us", iterations10us, scaled(TEN_MICRO_TASKS, scale)))) {
            sizes.put(s.name(), s);
        }

        System.out.println("jdk=" + Runtime.version().feature());
        List<String> pools = Runtime.version().feature() >= 21 ? List.of("tpe", "tpe-timed", "fjp", "vthread")
                : List.of("tpe", "tpe-timed", "fjp");
        // CPU time of the whole process, the agent's own threads included: less disturbed than wall time by other
        // programs on a shared machine
        OperatingSystemMXBean cpu = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // the warm-up's batches are commands too, answered at the same call as the parent's: every batch of a pool
        // starts its tasks at one site, as a server starts each request's thread at one place (the agent learns
        // where a class of work starts; a class started at two sites has every start's stack captured)
        Deque<String> warmUp = new ArrayDeque<>();
        for (int warm = 0; warm < 2; warm++) {
            for (String size : sizes.keySet()) {
                for (String pool : pools) {
                    warmUp.add("run " + pool + " " + size);
                }
            }
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (true) {
            String line = warmUp.poll();
            boolean warming = line != null;
            if (!warming) {
                line = in.readLine();
                if (line == null) {
                    return;
                }
            }
            answer(line, pools, sizes, cpu, !warming);
            if (warming && warmUp.isEmpty()) {
                System.out.println("ready");
            }
        }
    }

    private static void answer(String line, List<String> pools, Map<String, Size> sizes, OperatingSystemMXBean cpu,
                               boolean print) {
        String[] f = line.trim().split(" ");
        if (f.length == 3 && f[0].equals("run") && pools.contains(f[1]) && sizes.containsKey(f[2])) {
            long cpuBefore = cpu.getProcessCpuTime();
            double nanos = run(f[1], sizes.get(f[2]));
            double cpuNanos = (cpu.getProcessCpuTime() - cpuBefore) / (double) tasks(f[1], sizes.get(f[2]));
            if (print) {
                System.out.printf(Locale.ROOT, "result %s %s %.2f %.2f%n", f[1], f[2], nanos, cpuNanos);
            }
        } else {
            System.out.println("unknown command: " + line + " (run " + String.join("|", pools) + " empty|1us|10us)");
        }
    }

    /** Nanoseconds per task for one batch through a fresh pool, from the first submission until all have run. */
    private static double run(String pool, Size size) {
        ExecutorService executor = switch (pool) {
            case "tpe" -> TaskFlood.twoWorkerPool("bench-tpe");
            case "tpe-timed" -> timingOut(TaskFlood.twoWorkerPool("bench-tpe-timed"));
            case "fjp" -> TaskFlood.twoWorkerForkJoinPool();
            case "vthread" -> virtualThreadPerTask();
            default -> throw new IllegalArgumentException("unknown pool " + pool);
        };
        int iterations = size.iterations();
        int tasks = tasks(pool, size);
        long start = System.nanoTime();
        TaskFlood.execute(executor, tasks, i -> new Work(iterations, i));
        TaskFlood.drain(executor);
        return (System.nanoTime() - start) / (double) tasks;
    }

    /**
     * Idle workers that time out wait for a task in {@code poll(keepAlive)}, a timed wait on the queue's condition
     * that a task's arrival signals: the wait the agent counts when it ends so.
     */
    private static ThreadPoolExecutor timingOut(ThreadPoolExecutor pool) {
        pool.setKeepAliveTime(1, TimeUnit.SECONDS);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** A thread start and end per task cost microseconds rather than the pools' tenths of one. */
    private static int tasks(String pool, Size size) {
        return pool.equals("vthread") ? size.tasks() / 10 : size.tasks();
    }

    /** Through the JDK 21 API by reflection: the samples are built for 17. */
    private static ExecutorService virtualThreadPerTask() {
        try {
            return (ExecutorService) java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                    .invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need JDK 21 or later", e);
        }
    }

    private static int scaled(int tasks, double scale) {
        return (int) Math.max(1_000, tasks * scale);
    }

    static String option(String[] args, String prefix, String fallback) {
        List<String> found = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith(prefix)) {
                found.add(a.substring(prefix.length()));
            }
        }
        return found.isEmpty() ? fallback : found.get(found.size() - 1);
    }

    private static int intOption(String[] args, String prefix, int fallback) {
        return Integer.parseInt(option(args, prefix, Integer.toString(fallback)));
    }
}
