package dev.threadhound.junit;

import dev.threadhound.detect.DetectOptions;
import dev.threadhound.detect.ThreadDiedDetector;
import dev.threadhound.model.DeathRecord;
import dev.threadhound.model.Snapshot;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Threads that ended by an uncaught exception between the two snapshots of a check, as the agent recorded them: an
 * assertion that failed on another thread, or the worker whose death leaves the test's producer blocked. JUnit never
 * sees them otherwise. A pool's workers are replaced by the pool and are not listed.
 */
final class DiedDuringCheck {

    private DiedDuringCheck() {
    }

    /** @param ours whether a thread started by the given thread id belongs to the checked code */
    static List<Leaks.Leak> of(Snapshot before, Snapshot after, Predicate<Long> ours) {
        Set<String> older = before.deaths().stream().map(DiedDuringCheck::key).collect(Collectors.toSet());
        List<DeathRecord> fresh = after.deaths().stream()
                .filter(d -> !older.contains(key(d)) && !Reported.thread(d.threadId()) && ours.test(d.createdBy()))
                .toList();
        if (fresh.isEmpty()) {
            return List.of();
        }
        return new ThreadDiedDetector().detect(after.withDeaths(fresh), DetectOptions.defaults()).stream()
                .map(f -> new Leaks.Leak(f, null))
                .toList();
    }

    private static String key(DeathRecord d) {
        return d.threadId() + "@" + d.diedAt();
    }
}
