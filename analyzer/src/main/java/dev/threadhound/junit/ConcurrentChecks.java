package dev.threadhound.junit;

import java.util.HashSet;
import java.util.Set;

/**
 * The checks open right now across the JVM. When two overlap on different threads (parallel test execution),
 * a new thread may belong to either, and only its creating thread (known with the agent) tells which.
 * A check opened inside another on the same thread (a test running tests through the EngineTestKit) is nested,
 * not concurrent.
 */
final class ConcurrentChecks {

    private static final Set<LeakCheck> OPEN = new HashSet<>();

    private ConcurrentChecks() {
    }

    static synchronized void open(LeakCheck check) {
        for (LeakCheck other : OPEN) {
            if (other.threadId() != check.threadId()) {
                other.markOverlapped();
                check.markOverlapped();
            }
        }
        OPEN.add(check);
    }

    static synchronized void close(LeakCheck check) {
        OPEN.remove(check);
    }

    /** Threads running the other checks open now: a thread they started is theirs to report. */
    static synchronized Set<Long> otherThreads(LeakCheck check) {
        Set<Long> ids = new HashSet<>();
        OPEN.stream().filter(c -> c.threadId() != check.threadId()).forEach(c -> ids.add(c.threadId()));
        return ids;
    }
}
