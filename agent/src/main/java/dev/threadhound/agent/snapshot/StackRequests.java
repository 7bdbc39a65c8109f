package dev.threadhound.agent.snapshot;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The threads whose stacks one snapshot wants, gathered during the cheap scan: the one place where a reason to
 * look at a thread's stack (it stayed waiting; a detector's own suspicion) becomes a request, all of them then
 * taken by {@link StackFetcher} within one {@link StackBudget}. A request is a thread's position in the scan and
 * its kind: what it looks like without its stack (creation site, state, what it waits on). Threads of one kind
 * most likely share a stack, so one of each kind not yet shown by a kept stack is taken first.
 *
 * <p>At most as many requests are kept as the budget could ever take, besides the first of each kind: while a
 * hundred thousand new threads wait for their stacks, each scan adds a few thousand numbers here, not a hundred
 * thousand objects.
 */
final class StackRequests {

    private final Supplier<Set<Long>> coveredKinds;
    private final int most;
    private Set<Long> covered;
    private final Set<Long> firstOfKind = new HashSet<>();
    private long lastKind;
    private boolean any;
    private final Positions urgent = new Positions();
    private final Positions once = new Positions();
    private final Positions first = new Positions();
    private final Positions rest = new Positions();

    /**
     * @param coveredKinds the kinds that already have a kept stack, asked for only once a request comes
     * @param most         the most stacks the budget could take
     */
    StackRequests(Supplier<Set<Long>> coveredKinds, int most) {
        this.coveredKinds = coveredKinds;
        this.most = most;
    }

    void add(int position, long kind) {
        if (covered == null) {
            covered = coveredKinds.get();
        }
        // alike threads come in runs: a kind just seen is decided as it was
        boolean newKind = !(any && kind == lastKind) && !covered.contains(kind) && firstOfKind.add(kind);
        any = true;
        lastKind = kind;
        if (newKind) {
            first.add(position);
        } else if (rest.size < most) {
            rest.add(position);
        }
    }

    /**
     * A stack wanted this very cycle, behind only the budget's floor of waiting threads: a few threads a detector
     * watches closely (a thread that keeps the JVM from exiting, one that spins, a timed waiter's periodic look),
     * capped by whoever asks.
     */
    void urgent(int position) {
        urgent.add(position);
    }

    /**
     * A look a thread needs once in a long while and that costs little (a thread running in native code, whose stack
     * is walked without stopping it): taken first, even when the cycle's time is spent, since on a crowded machine
     * the time goes to waiting for the CPU, not to the looks; few a cycle, capped by whoever asks.
     */
    void once(int position) {
        once.add(position);
    }

    /** How many {@link #once} looks lead {@link #ordered()}. */
    int onceCount() {
        return once.size;
    }

    boolean isEmpty() {
        return urgent.size + once.size + first.size + rest.size == 0;
    }

    /**
     * The {@link #once} looks, then one of each kind that no kept stack covers, then the others in scan order, at
     * most {@code most}; with the urgent ones placed after the first {@link StackBudget#FLOOR} of those, so that the
     * stacks a snapshot takes whatever its time include threads that stayed waiting, not only the urgent ones; each
     * position once.
     */
    int[] ordered() {
        int n = Math.min(most, first.size + rest.size);
        int[] waiting = Arrays.copyOf(first.values, n);
        System.arraycopy(rest.values, 0, waiting, Math.min(n, first.size), Math.max(0, n - first.size));
        if (urgent.size + once.size == 0) {
            return waiting;
        }
        int ahead = Math.min(StackBudget.FLOOR, n);
        int[] out = new int[once.size + n + urgent.size];
        System.arraycopy(once.values, 0, out, 0, once.size);
        System.arraycopy(waiting, 0, out, once.size, ahead);
        System.arraycopy(urgent.values, 0, out, once.size + ahead, urgent.size);
        System.arraycopy(waiting, ahead, out, once.size + ahead + urgent.size, n - ahead);
        return firstOfEach(out);
    }

    /** The positions in order, each once: an urgent thread may also have been asked for as a waiting one. */
    private static int[] firstOfEach(int[] positions) {
        BitSet seen = new BitSet();
        int kept = 0;
        for (int p : positions) {
            if (!seen.get(p)) {
                seen.set(p);
                positions[kept++] = p;
            }
        }
        return Arrays.copyOf(positions, kept);
    }

    /** A thread's kind as one number: collisions only change which thread goes first. */
    static long kind(Object site, Thread.State state, String blockerType) {
        long siteHash = site == null ? 0 : System.identityHashCode(site);
        return siteHash << 32 ^ (long) state.ordinal() << 24 ^ (blockerType == null ? 0 : blockerType.hashCode());
    }

    private static final class Positions {
        int[] values = new int[64];
        int size;

        void add(int position) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = position;
        }
    }
}
