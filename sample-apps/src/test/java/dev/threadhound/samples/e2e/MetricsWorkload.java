package dev.threadhound.samples.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The workload the metrics end-to-end tests run under the agent, so that every dashboard panel and every alert
 * has something to show. {@code deadlock}: two threads take two monitors in opposite order. {@code trouble}:
 * everything else at once: a thread leaked every half second, a bounded pool whose workers are busy for good
 * while its queue grows, an executor created and never shut down every 300 ms, a polling thread started per call
 * and never stopped every 200 ms, a heartbeat scheduled per session on one scheduler and never cancelled every
 * 250 ms, a periodic refresh that throws on its third run, a busy pool of short tasks, four threads contending for one monitor, two threads
 * taking two monitors in opposite orders, in turns (a lock-order cycle, for an agent with {@code lockOrder=on}), and
 * a {@code main} that returns while a non-daemon thread keeps the JVM up. {@code executors <count>}: that many
 * executors, each with its own name. Prints {@code ready} once it is all running, then runs until killed.
 */
public final class MetricsWorkload {

    private static final Object LEDGER_A = new Object();
    private static final Object LEDGER_B = new Object();
    private static final Object HOT_LOCK = new Object();
    private static final Object STOCK = new Object();
    private static final Object ORDERS = new Object();
    private static final CountDownLatch NEVER = new CountDownLatch(1);
    private static final List<ExecutorService> LEAKED = new ArrayList<>();

    private MetricsWorkload() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        switch (mode) {
            case "deadlock" -> deadlock();
            case "trouble" -> trouble();
            case "executors" -> executors(Integer.parseInt(args[1]));
            default -> {
                System.err.println("usage: MetricsWorkload deadlock|trouble|executors <count>");
                System.exit(2);
            }
        }
        System.out.println("ready");
        if (mode.equals("trouble")) {
            // main returns, as a job's does, and a thread it forgot keeps the JVM up
            new Thread(MetricsWorkload::waitForever, "forgotten-flusher").start();
            return;
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    static void deadlock() throws Exception {
        // A quiet pool that runs ten tasks in all, the first of them while the agent is still starting: each is timed.
        ExecutorService quiet = Executors.newSingleThreadExecutor(named("quiet-"));
        for (int i = 0; i < 10; i++) {
            quiet.submit(() -> sleep(2)).get();
        }
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        start("transfer-a-to-b", () -> lockBoth(LEDGER_A, LEDGER_B, bothHoldOne));
        start("transfer-b-to-a", () -> lockBoth(LEDGER_B, LEDGER_A, bothHoldOne));
        bothHoldOne.await();
    }

    private static void lockBoth(Object first, Object second, CountDownLatch bothHoldOne) {
        synchronized (first) {
            bothHoldOne.countDown();
            try {
                bothHoldOne.await();
            } catch (InterruptedException e) {
                return;
            }
            synchronized (second) {
                System.out.println("never printed");
            }
        }
    }

    /** {@code count} executors, each with its own thread-name prefix and one finished task; half are shut down. */
    static void executors(int count) {
        for (int i = 0; i < count; i++) {
            ExecutorService pool = Executors.newSingleThreadExecutor(named("tenant-" + i + "-worker-"));
            pool.execute(() -> { });
            if (i % 2 == 0) {
                pool.shutdown();
            } else {
                synchronized (LEAKED) {
                    LEAKED.add(pool);
                }
            }
        }
    }

    static void trouble() {
        // Leaked threads, one more every half second.
        AtomicInteger leaked = new AtomicInteger();
        start("leak-spawner", () -> every(500, () -> start("leaked-worker-" + leaked.incrementAndGet(), MetricsWorkload::waitForever)));

        // A bounded pool whose two workers are busy for good while tasks keep queueing behind them. They sleep rather
        // than wait on something, which would look like a starvation deadlock (and rightly be reported as one).
        ThreadPoolExecutor saturated = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                named("orders-"));
        start("orders-feeder", () -> every(400, () -> saturated.execute(() -> sleep(Long.MAX_VALUE))));

        // An executor created at one site and never shut down, again and again.
        start("report-scheduler", () -> every(300, () -> {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            pool.execute(() -> { });
            synchronized (LEAKED) {
                LEAKED.add(pool);
            }
        }));

        // A poller started per call and never stopped: idle threads from one site, piling up.
        AtomicInteger pollers = new AtomicInteger();
        start("poller-spawner", () -> every(200, () -> start("per-call-poller-" + pollers.incrementAndGet(),
                () -> every(50, () -> { }))));

        // A heartbeat scheduled per session on one shared scheduler and never cancelled: periodic tasks piling up.
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(named("heartbeats-"));
        start("session-opener", () -> every(250, () -> heartbeats.scheduleAtFixedRate(new Heartbeat(), 100, 100,
                TimeUnit.MILLISECONDS)));

        // A refresh that throws on its third run: its scheduler never runs it again.
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(named("refresher-"));
        AtomicInteger refreshes = new AtomicInteger();
        refresher.scheduleAtFixedRate(() -> {
            if (refreshes.incrementAndGet() == 3) {
                throw new IllegalStateException("malformed price list");
            }
        }, 100, 100, TimeUnit.MILLISECONDS);

        // A healthy busy pool: queue waits and run times for the histograms.
        ExecutorService busy = Executors.newFixedThreadPool(3, named("busy-"));
        start("busy-feeder", () -> every(2, () -> {
            for (int i = 0; i < 4; i++) {
                busy.execute(() -> sleep(1));
            }
        }));

        // Two monitors taken in opposite orders by two threads that take turns, so they never deadlock.
        Semaphore restockTurn = new Semaphore(1);
        Semaphore billingTurn = new Semaphore(0);
        start("restock", () -> turns(restockTurn, billingTurn, STOCK, ORDERS));
        start("billing", () -> turns(billingTurn, restockTurn, ORDERS, STOCK));

        // Four threads queueing for one monitor held 20 ms at a time.
        for (int i = 1; i <= 4; i++) {
            start("hot-lock-" + i, () -> every(1, () -> {
                synchronized (HOT_LOCK) {
                    sleep(20);
                }
            }));
        }
    }

    /** One session's heartbeat. */
    private static final class Heartbeat implements Runnable {
        @Override
        public void run() {
        }
    }

    private static void turns(Semaphore mine, Semaphore theirs, Object first,
                              Object second) {
        while (true) {
            mine.acquireUninterruptibly();
            synchronized (first) {
                synchronized (second) {
                    sleep(1);
                }
            }
            sleep(100);
            theirs.release();
        }
    }

    private static void every(long millis, Runnable action) {
        while (true) {
            action.run();
            sleep(millis);
        }
    }

    private static void waitForever() {
        try {
            NEVER.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
