package dev.threadhound.junit;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Threads that come and go with the platform rather than with a test: common-pool workers (a parallel stream
 * leaves them idle), virtual-thread carriers, and the workers of the pool running the test itself (JUnit's
 * parallel executor). They are told apart by their pool, which only live {@link Thread} objects show.
 */
final class InfrastructureThreads {

    private static final String CARRIER = "jdk.internal.misc.CarrierThread";

    private InfrastructureThreads() {
    }

    /** Ids of such threads alive now, as seen from the thread that runs the check. Cost: one walk of the thread groups. */
    static Set<Long> ids() {
        ForkJoinPool testPool = Thread.currentThread() instanceof ForkJoinWorkerThread w ? w.getPool() : null;
        Set<Long> ids = new HashSet<>();
        for (Thread t : liveThreads()) {
            boolean platformPool = t instanceof ForkJoinWorkerThread w
                    && (w.getPool() == ForkJoinPool.commonPool() || w.getPool() == testPool);
            if (platformPool || t.getClass().getName().equals(CARRIER)) {
                ids.add(t.getId());
            }
        }
        return ids;
    }

    private static Thread[] liveThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n;
        // enumerate() stops silently when the array is full; grow until it is not.
        while ((n = root.enumerate(threads, true)) == threads.length) {
            threads = new Thread[threads.length * 2];
        }
        return Arrays.copyOf(threads, n);
    }
}
