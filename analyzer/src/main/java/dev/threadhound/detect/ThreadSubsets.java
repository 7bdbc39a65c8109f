package dev.threadhound.detect;

import dev.threadhound.model.FilledList;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * The few threads of a snapshot that some detectors look at, found in one pass for all of them: those running, those
 * waiting for a lock's owner, a pool's workers. Ten thousand parked threads are then read once by these detectors
 * together, not once each (a pass over them all, out of memory a cycle apart, cost a few tenths of a millisecond).
 * Kept with the snapshot's list of threads ({@link FilledList#derived}), which a snapshot carried over or narrowed
 * shares.
 */
final class ThreadSubsets {

    private final List<ThreadRecord> running = new ArrayList<>();
    private final List<ThreadRecord> owned = new ArrayList<>();
    private final List<ThreadRecord> workers = new ArrayList<>();

    private ThreadSubsets(List<ThreadRecord> threads) {
        for (ThreadRecord t : threads) {
            if ("RUNNABLE".equals(t.state())) {
                running.add(t);
            }
            if (t.ownerId() >= 0) {
                owned.add(t);
            }
            if (t.executor() != null) {
                workers.add(t);
            }
        }
    }

    static ThreadSubsets of(Snapshot snapshot) {
        return snapshot.threads() instanceof FilledList<ThreadRecord> list
                ? list.derived(ThreadSubsets.class, ThreadSubsets::new) : new ThreadSubsets(snapshot.threads());
    }

    /** The threads in state {@code RUNNABLE}, in snapshot order. */
    List<ThreadRecord> running() {
        return running;
    }

    /** The threads whose record names the owner of what they wait for ({@code ownerId >= 0}), in snapshot order. */
    List<ThreadRecord> owned() {
        return owned;
    }

    /** The threads working for a pool ({@code executor} set), in snapshot order. */
    List<ThreadRecord> workers() {
        return workers;
    }
}
