package dev.threadhound.samples.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one Prometheus scrape of the agent's {@code /metrics} costs in a JVM with 1,000 threads and 100 executors.
 * Run it under the agent:
 *
 * <pre>
 * java -javaagent:agent/target/threadhound-agent.jar=port=9404 \
 *      -cp sample-apps/target/threadhound-samples.jar dev.threadhound.samples.bench.ScrapeCost [port] [scrapes]
 * </pre>
 *
 * It starts 100 pools of two workers kept busy with short tasks (so the task histograms fill) and 800 more threads
 * parked for good, waits until a scrape shows all 100 executors, then times {@code scrapes} sequential scrapes
 * over loopback after a warm-up and prints the percentiles. A scrape reads what the last detector cycle left, so
 * it should answer in well under 100 ms.
 */
public final class ScrapeCost {

    private static final int EXECUTORS = 100;
    private static final int WORKERS_PER_EXECUTOR = 2;
    private static final int THREADS = 1_000;
    private static final int WARM_UP = 50;

    private ScrapeCost() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9404;
        int scrapes = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        URL metrics = new URL("http://127.0.0.1:" + port + "/metrics");

        List<ExecutorService> pools = startPools();
        CountDownLatch never = new CountDownLatch(1);
        int parked = THREADS - EXECUTORS * WORKERS_PER_EXECUTOR;
        for (int i = 0; i < parked; i++) {
            Thread t = new Thread(() -> await(never), "bench-parked-" + i);
            t.setDaemon(true);
            t.start();
        }
        Thread feeder = new Thread(() -> feed(pools), "bench-feeder");
        feeder.setDaemon(true);
        feeder.start();

        String first = awaitAllExecutors(metrics);
        for (int i = 0; i < WARM_UP; i++) {
            scrape(metrics);
        }
        long[] nanos = new long[scrapes];
        long bytes = 0;
        for (int i = 0; i < scrapes; i++) {
            long start = System.nanoTime();
            bytes = scrape(metrics);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT,
                "scrape cost: %d threads, %d executors, %d series, %d bytes; %d scrapes: "
                        + "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                Thread.activeCount(), EXECUTORS, series(first), bytes, scrapes,
                ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99), nanos[nanos.length - 1] / 1e6);
        System.exit(0);
    }

    private static List<ExecutorService> startPools() {
        List<ExecutorService> pools = new ArrayList<>();
        for (int p = 0; p < EXECUTORS; p++) {
            String prefix = "bench-pool-" + p + "-";
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(WORKERS_PER_EXECUTOR, WORKERS_PER_EXECUTOR, 0,
                    TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, prefix + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            pool.prestartAllCoreThreads();
            pools.add(pool);
        }
        return pools;
    }

    /** A few short tasks per pool per round, so every pool completes work and its histograms have data. */
    private static void feed(List<ExecutorService> pools) {
        while (true) {
            for (ExecutorService pool : pools) {
                for (int i = 0; i < 4; i++) {
                    pool.execute(() -> Math.sqrt(System.nanoTime()));
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String awaitAllExecutors(URL metrics) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = fetch(metrics);
                // Summed over every executor label: past the label limit some pools are counted under "other".
                double shown = last.lines().filter(l -> l.startsWith("threadhound_executor_instances{"))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
                if (shown >= EXECUTORS) {
                    return last;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        System.err.println("scrape cost: " + metrics + " never showed all " + EXECUTORS
                + " executors; is the agent attached with port= this port? Last answer: "
                + last.substring(0, Math.min(300, last.length())));
        System.exit(2);
        return last;
    }

    private static long scrape(URL metrics) throws IOException {
        HttpURLConnection c = (HttpURLConnection) metrics.openConnection();
        try (InputStream in = c.getInputStream()) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        } finally {
            c.disconnect();
        }
    }

    private static String fetch(URL metrics) throws IOException {
        HttpURLConnection c = (HttpURLConnection) metrics.openConnection();
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    private static long series(String text) {
        return text.lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))] / 1e6;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
