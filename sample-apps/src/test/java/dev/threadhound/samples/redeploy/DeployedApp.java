package dev.threadhound.samples.redeploy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An application as a server deploys it, in a class loader of its own ({@link Redeploys}): a pool and a scheduler
 * taking two monitors and a lock, a future on the common pool, virtual threads where the JDK has them, and a thread
 * of its own that waits long enough for the agent to take its stack; everything stopped before it is undeployed.
 */
public final class DeployedApp implements Runnable {

    private static final Object FIRST = new Object();
    private static final Object SECOND = new Object();
    private static final ReentrantLock LOCK = new ReentrantLock();

    @Override
    public void run() {
        try {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
            ticks.scheduleAtFixedRate(DeployedApp::both, 0, 10, TimeUnit.MILLISECONDS);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                results.add(pool.submit(() -> locked(n)));
            }
            for (Future<Integer> f : results) {
                f.get();
            }
            CompletableFuture.supplyAsync(() -> locked(1)).get();
            CountDownLatch undeploy = new CountDownLatch(1);
            Thread own = new Thread(() -> await(undeploy), "deployed-app-waiter");
            own.start();
            if (Runtime.version().feature() >= 21) {
                ExecutorService virtual = (ExecutorService) Executors.class
                        .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
                for (int i = 0; i < 100; i++) {
                    int n = i;
                    virtual.submit(() -> locked(n));
                }
                virtual.shutdown();
                virtual.awaitTermination(10, TimeUnit.SECONDS);
            }
            // longer than stuckAfter: the agent looks at the waiting thread's stack, where this class runs
            Thread.sleep(3_000);
            undeploy.countDown();
            ticks.shutdownNow();
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            ticks.awaitTermination(10, TimeUnit.SECONDS);
            own.join();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int locked(int n) {
        LOCK.lock();
        try {
            synchronized (FIRST) {
                return n;
            }
        } finally {
            LOCK.unlock();
        }
    }

    private static void both() {
        synchronized (FIRST) {
            synchronized (SECOND) {
                Thread.onSpinWait();
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
