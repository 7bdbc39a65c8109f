package dev.threadhound.junit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Threads, executors and tasks already reported in this JVM. A thread that ignores interrupts lives on; it is
 * reported by the test that leaked it and never again by a test that happened to overlap it.
 */
final class Reported {

    private static final Set<String> KEYS = ConcurrentHashMap.newKeySet();

    private Reported() {
    }

    static boolean thread(long id) {
        return KEYS.contains("thread:" + id);
    }

    static boolean other(String identity) {
        return KEYS.contains(identity);
    }

    static void addThread(long id) {
        KEYS.add("thread:" + id);
    }

    static void addOther(String identity) {
        KEYS.add(identity);
    }

    /** Whether {@code identity} is new here; remembers it. For what is said once per JVM. */
    static boolean firstTime(String identity) {
        return KEYS.add(identity);
    }
}
