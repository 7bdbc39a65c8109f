package dev.threadhound.model;

import java.util.List;

/**
 * Carries progress over snapshot after snapshot of one source that hands back the very same record for a thread it
 * found as it was (the agent's snapshot builder does): such a thread, whose record the carry before kept as it was,
 * is kept again without either record being read ({@link Progress#carry(Snapshot, Snapshot, boolean[], boolean[])}).
 * At ten thousand parked threads a cycle apart, reading each thread's two records out of memory only to find
 * nothing new was a fourth of a cycle. What it returns is what {@link Progress#carry(Snapshot, Snapshot)} of the last
 * result and the new snapshot returns. Not thread-safe: one loop owns it.
 */
public final class ProgressCarrier {

    private Snapshot carried;
    /** The threads of the snapshot {@link #carried} was made from, as the source gave them. */
    private List<ThreadRecord> given = List.of();
    /** By position in {@link #given}: the carry kept the record it carried over. Swapped with {@link #spare}. */
    private boolean[] kept = new boolean[0];
    private boolean[] spare = new boolean[0];
    private boolean[] unchanged = new boolean[0];

    /** {@code next} with progress carried over from the last snapshot given; it becomes the last. */
    public Snapshot carry(Snapshot next) {
        List<ThreadRecord> threads = next.threads();
        int n = threads.size();
        if (unchanged.length < n) {
            unchanged = new boolean[n + n / 4];
        }
        if (spare.length < n) {
            spare = new boolean[unchanged.length];
        }
        boolean any = false;
        for (int i = 0; i < n; i++) {
            // references compared, the records themselves not read
            unchanged[i] = i < given.size() && kept[i] && threads.get(i) == given.get(i);
            any |= unchanged[i];
        }
        boolean[] keptNow = spare;
        Snapshot result = Progress.carry(carried, next, any ? unchanged : null, keptNow);
        spare = kept;
        kept = keptNow;
        given = threads;
        carried = result;
        return result;
    }
}
