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

    /** A park on a condition waits for a signal, not for a lock someone holds. */
    static boolean condition(String className) {
        return className.endsWith("$ConditionObject") || className.endsWith("$ConditionNode");
    }
}
