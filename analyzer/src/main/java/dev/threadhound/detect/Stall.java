package dev.threadhound.detect;

import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

/** How long a thread has gone without progress, by the snapshot's own clock. */
final class Stall {

    private Stall() {
    }

    /** Milliseconds without progress, or -1 when the source did not say since when (no evidence, no finding). */
    static long of(Snapshot snapshot, ThreadRecord thread) {
        return since(snapshot, thread.stalledSince());
    }

    static long since(Snapshot snapshot, long sinceMillis) {
        return sinceMillis > 0 ? Math.max(0, snapshot.takenAt() - sinceMillis) : -1;
    }

    /** A waiting or blocked thread that has not progressed for at least {@code stuckAfter}. */
    static boolean stuck(Snapshot snapshot, ThreadRecord thread, DetectOptions options) {
        return thread.waiting() && of(snapshot, thread) >= options.stuckAfterMillis();
    }
}
