package dev.threadhound.samples.fanout;

import dev.threadhound.samples.SampleOptions;
import dev.threadhound.samples.Workload;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code fanout [--duration=10s] [--bug=none|abandoned-results|timer-per-call|no-read-timeout]}. */
public final class FanOutWorkload implements Workload {

    static final List<String> BUGS = List.of("none", "abandoned-results", "timer-per-call", "no-read-timeout");
    /** Requests in {@code --bug=no-read-timeout} that ask the silent replica: each holds a worker for good. */
    private static final int SILENT_REQUESTS = 3;
    /** Large enough that the abandoned answers of the whole run never exhaust it: the leak stays quiet. */
    private static final int POOL_THREADS = 64;
    /** Requests in {@code --bug=timer-per-call} at least: more timers than a pile-up needs, spread over seconds. */
    private static final int TIMER_REQUESTS = 30;

    @Override
    public String name() {
        return "fanout";
    }

    @Override
    public String help() {
        return String.join(System.lineSeparator(),
                "fanout: each request asks three replicas at once on a shared pool and gathers the answers",
                "  --duration=10s            how long it runs (default 10s)",
                "  --bug=none                healthy: waits for every answer with a deadline",
                "  --bug=abandoned-results   first answer wins; the others block forever handing theirs over",
                "  --bug=timer-per-call      each request arms its deadline on a Timer of its own and never cancels the Timer",
                "  --bug=no-read-timeout     a replica asked over HTTP with no read timeout never answers: the caller's deadline",
                "                            passes, the worker reading the answer waits forever");
    }

    @Override
    public int run(String[] args) throws Exception {
        SampleOptions options = SampleOptions.parse(name(), args, Duration.ofSeconds(10), BUGS);
        System.out.println("fanout: mode=" + options.bug() + " running for " + options.duration().toMillis() + "ms");
        ExecutorService pool = Executors.newFixedThreadPool(POOL_THREADS, named("fanout-replica"));
        boolean abandon = options.bug().equals("abandoned-results");
        GatherAll gatherAll = new GatherAll(pool);
        FirstResponseWins firstWins = new FirstResponseWins(pool);
        DeadlinePerCall perCallDeadline = new DeadlinePerCall(gatherAll);
        boolean timerPerCall = options.bug().equals("timer-per-call");
        SilentReplica silent = options.bug().equals("no-read-timeout") ? new SilentReplica() : null;
        long end = System.currentTimeMillis() + options.duration().toMillis();
        int request = 0;
        // a few requests only: the bug needs no more to show, and each abandoned answer holds a worker for good
        // timer-per-call needs requests more than time: a loaded machine gets through fewer of them
        while (System.currentTimeMillis() < end || timerPerCall && request < TIMER_REQUESTS) {
            if (silent != null && request < SILENT_REQUESTS) {
                askSilent(pool, silent, request);
            } else if (abandon && request < 10) {
                firstWins.query(request);
            } else if (timerPerCall) {
                perCallDeadline.query(request);
            } else if (!abandon) {
                gatherAll.query(request);
            }
            request++;
            Thread.sleep(100);
        }
        if (!abandon && silent == null) {
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
        System.out.println("fanout: " + request + " requests; done");
        return 0;
    }

    /** The caller gives up at its deadline; the worker reading the silent replica's answer never does. */
    private static void askSilent(ExecutorService pool, SilentReplica silent, int request) throws InterruptedException {
        Future<String> answer = pool.submit(() -> silent.ask(request));
        try {
            answer.get(200, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            System.out.println("fanout: request " + request + " gave up waiting for the silent replica");
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger next = new AtomicInteger(1);
        return r -> {
            Thread t = new Thread(r, prefix + "-" + next.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }
}
