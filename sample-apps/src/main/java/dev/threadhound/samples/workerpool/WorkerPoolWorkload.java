package dev.threadhound.samples.workerpool;

import dev.threadhound.samples.SampleOptions;
import dev.threadhound.samples.Workload;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code workerpool [--duration=10s] [--bug=none|saturation|ignored-cancellation|spin|stopped-refresh]}. */
public final class WorkerPoolWorkload implements Workload {

    static final List<String> BUGS = List.of("none", "saturation", "ignored-cancellation", "spin", "stopped-refresh");
    /** Two workers of 20 ms jobs do 100 a second: the healthy producer asks for half, the saturating one for twice. */
    private static final long HEALTHY_EVERY_MILLIS = 20;
    private static final long FLOODING_EVERY_MILLIS = 5;

    @Override
    public String name() {
        return "workerpool";
    }

    @Override
    public String help() {
        return String.join(System.lineSeparator(),
                "workerpool: a producer feeding a 2-worker pool of 20 ms jobs",
                "  --duration=10s               how long it runs (default 10s)",
                "  --bug=none                   healthy: a bounded queue that pushes back, fed below capacity",
                "  --bug=saturation             an unbounded queue fed twice as fast as the pool works: the backlog grows",
                "  --bug=ignored-cancellation   shutdownNow, but a job swallows the interrupt and never ends; the stop",
                "                               then waits in awaitTermination() to the end of the run",
                "  --bug=spin                   two indexers loop for ever over a corrupted chain at full CPU; the producer",
                "                               thread waits for the first in join() (CorruptedIndex)",
                "  --bug=stopped-refresh        the jobs read quotes a scheduler refreshes every 100 ms; one refresh throws,",
                "                               which stops the refresh for good without a word (StaleQuotes)");
    }

    @Override
    public int run(String[] args) throws Exception {
        SampleOptions options = SampleOptions.parse(name(), args, Duration.ofSeconds(10), BUGS);
        System.out.println("workerpool: mode=" + options.bug() + " running for " + options.duration().toMillis() + "ms");
        long end = System.currentTimeMillis() + options.duration().toMillis();
        switch (options.bug()) {
            case "saturation" -> {
                UnboundedBacklog backlog = new UnboundedBacklog();
                for (int job = 0; System.currentTimeMillis() < end; job++) {
                    backlog.submitJob(job);
                    Thread.sleep(FLOODING_EVERY_MILLIS);
                }
            }
            case "ignored-cancellation" -> {
                UninterruptibleJob listener = new UninterruptibleJob();
                listener.submitListener();
                Thread.sleep(Math.min(1_000, options.duration().toMillis() / 4));
                listener.pool.shutdownNow();
                // a graceful stop waits for the pool to end: here until the run's end, for a job that never does
                boolean terminated = listener.pool.awaitTermination(Math.max(1, end - System.currentTimeMillis()),
                        TimeUnit.MILLISECONDS);
                System.out.println("workerpool: shutdownNow done; terminated=" + terminated);
            }
            case "spin" -> {
                Thread indexer = new CorruptedIndex(1_000).startIndexers(2);
                Thread producer = named("workerpool-producer").newThread(() -> awaitIndex(indexer));
                producer.start();
                Thread.sleep(options.duration().toMillis());
                System.out.println("workerpool: indexer still running=" + indexer.isAlive());
            }
            case "stopped-refresh" -> {
                StaleQuotes quotes = new StaleQuotes();
                quotes.start();
                runHealthy(end);
                System.out.println("workerpool: quotes stale for " + quotes.staleForMillis() + " ms");
                quotes.stop();
            }
            default -> runHealthy(end);
        }
        System.out.println("workerpool: done");
        return 0;
    }

    private static void runHealthy(long end) throws InterruptedException {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(50),
                named("workerpool-worker"), new ThreadPoolExecutor.CallerRunsPolicy());
        for (int job = 0; System.currentTimeMillis() < end; job++) {
            int j = job;
            pool.execute(() -> Jobs.process(j));
            Thread.sleep(HEALTHY_EVERY_MILLIS);
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** The producer needs the index before it submits anything: it waits for the indexer in join(). */
    private static void awaitIndex(Thread indexer) {
        try {
            indexer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger next = new AtomicInteger(1);
        return r -> {
            Thread t = new Thread(r, prefix + "-" + next.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }
}
