package dev.threadhound.samples.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * What the detector cycle's extra stack looks cost next to its cheap scan, with many threads alive:
 * {@code java -cp threadhound-samples.jar dev.threadhound.samples.bench.StackLookCost [threads=10000] [rounds=30]}.
 * Starts that many threads, each in a long timed wait one call below its run() (what the polling rule looks at),
 * then times, round after round, the cheap scan the agent does every cycle (every thread's state and wait counts
 * without a stack, and every thread's CPU time) and the most the cycle adds for threads that do not look blocked
 * (one call for 40 stacks of 64 frames: 16 hot, 16 timed waiters, 8 lock waiters), and prints the medians and
 * their ratio.
 */
public final class StackLookCost {

    private static final int EXTRA_LOOKS = 40;
    private static final int DEPTH = 64;

    private StackLookCost() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        List<Thread> threads = startPollers(count);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) mx;
        long[] scan = new long[rounds];
        long[] looks = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            long[] ids = mx.getAllThreadIds();
            long start = System.nanoTime();
            mx.getThreadInfo(ids, 0);
            hotspot.getThreadCpuTime(ids);
            scan[r] = System.nanoTime() - start;
            long[] some = Arrays.copyOfRange(ids, ids.length - EXTRA_LOOKS, ids.length);
            start = System.nanoTime();
            mx.getThreadInfo(some, DEPTH);
            looks[r] = System.nanoTime() - start;
            Thread.sleep(100);
        }
        long scanMedian = median(scan);
        long looksMedian = median(looks);
        System.out.printf("threads=%d rounds=%d%ncheap scan (states, counts, CPU times): median %.2f ms%n"
                        + "%d extra stack looks (depth %d): median %.2f ms%nratio looks/scan: %.3f%n",
                mx.getThreadCount(), rounds, scanMedian / 1e6, EXTRA_LOOKS, DEPTH, looksMedian / 1e6,
                (double) looksMedian / scanMedian);
        threads.forEach(Thread::interrupt);
    }

    private static List<Thread> startPollers(int count) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(count);
        List<Thread> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(null, () -> {
                started.countDown();
                pollForever();
            }, "poller-" + i, 256 * 1024);
            t.setDaemon(true);
            t.start();
            out.add(t);
        }
        started.await();
        return out;
    }

    private static void pollForever() {
        Object flag = new Object();
        synchronized (flag) {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    flag.wait(60_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
