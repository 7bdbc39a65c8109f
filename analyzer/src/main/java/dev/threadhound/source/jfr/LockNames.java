package dev.threadhound.source.jfr;

import dev.threadhound.model.LockSamples;

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

    private static final String SEMAPHORE = "java.util.concurrent.Semaphore$";

    /**
     * Whether a park waits for a lock someone holds: one of the JDK's locks ({@link LockSamples#lockSynchronizer},
     * as the sampled states count them) or a semaphore's permit. Anything else a thread parks on is a wait for
     * something to happen: a future's result (the JDK's, or a library's own, such as Guava's, parked on itself), a
     * latch, a condition's signal, a hand-off. Those are how a program is meant to wait; stuck ones are leaks, which
     * the detectors find by progress, not contention.
     */
    static boolean lock(String className) {
        return LockSamples.lockSynchronizer(className) || className.startsWith(SEMAPHORE);
    }
}
