package dev.threadhound.source.jfr;

/**
 * A lock class named as its users know it. A park records the synchronizer inside the lock
 * ({@code ReentrantLock$NonfairSync}); people wrote {@code ReentrantLock}.
 */
final class LockNames {

    private static final String[] SYNC_SUFFIXES = {"$NonfairSync", "$FairSync", "$Sync"};

    private LockNames() {
    }

    static String readable(String className) {
        for (String suffix : SYNC_SUFFIXES) {
            if (className.endsWith(suffix)) {
                return className.substring(0, className.length() - suffix.length());
            }
        }
        return className;
    }

    /**
     * Blockers a thread parks on to wait for work to complete or for a signal, not for a lock someone holds:
     * a future's result, a latch, a barrier's phase, a hand-off. Their waits are how the program is meant to
     * wait; stuck ones are leaks, which the detectors find by progress, not contention.
     */
    private static final String[] WAITS_FOR_COMPLETION = {
            "java.util.concurrent.FutureTask", "java.util.concurrent.CompletableFuture",
            "java.util.concurrent.CountDownLatch", "java.util.concurrent.Phaser", "java.util.concurrent.Exchanger",
            "java.util.concurrent.SynchronousQueue", "java.util.concurrent.LinkedTransferQueue",
            "java.util.concurrent.ForkJoinTask", "java.util.concurrent.ForkJoinPool", "java.lang.Thread",
            "java.lang.VirtualThread"};

    /** A park that waits for a signal or a result, not for a lock someone holds. */
    static boolean notALock(String className) {
        if (className.endsWith("$ConditionObject") || className.endsWith("$ConditionNode")) {
            return true;
        }
        for (String prefix : WAITS_FOR_COMPLETION) {
            if (className.equals(prefix) || className.startsWith(prefix + "$")) {
                return true;
            }
        }
        return false;
    }
}
