package dev.threadhound.junit;

import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whose work started a thread or an executor, followed up the agent's {@code createdBy} chain: the test's own
 * thread, a thread of another test running at the same time, or nobody we can tell (no agent, or a link in the
 * chain has ended, or the chain leads to a thread older than the test).
 */
final class Lineage {

    enum Origin { THIS_TEST, OTHER_TEST, UNKNOWN }

    private static final int MAX_HOPS = 64;

    private final long testThread;
    private final Set<Long> otherTestThreads;
    private final Set<Long> olderThreads;
    private final Map<Long, ThreadRecord> live;

    Lineage(long testThread, Set<Long> otherTestThreads, Snapshot before, Snapshot after) {
        this.testThread = testThread;
        this.otherTestThreads = otherTestThreads;
        this.olderThreads = before.threads().stream().map(ThreadRecord::id).collect(Collectors.toSet());
        this.live = after.threads().stream().collect(Collectors.toMap(ThreadRecord::id, Function.identity(), (a, b) -> a));
    }

    Origin of(long createdBy) {
        long id = createdBy;
        for (int hop = 0; hop < MAX_HOPS && id >= 0; hop++) {
            if (id == testThread) {
                return Origin.THIS_TEST;
            }
            if (otherTestThreads.contains(id)) {
                return Origin.OTHER_TEST;
            }
            ThreadRecord parent = live.get(id);
            if (parent == null || olderThreads.contains(id)) {
                return Origin.UNKNOWN;
            }
            id = parent.createdBy();
        }
        return Origin.UNKNOWN;
    }
}
