package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.ThreadKinds;

import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Takes the requested stacks while the budget lasts, the cheapest way the JDK offers:
 * <ul>
 *   <li>JDK 19 and later: {@code Thread.getStackTrace()} of a tracked thread is a handshake with that one thread
 *       (a parked thread's stack is walked by the caller, 5-30 µs), never a pause of the others;</li>
 *   <li>otherwise (JDK 17, threads started before the agent): {@code ThreadMXBean.getThreadInfo(ids, depth)}, which
 *       stops every thread for a moment, in batches of {@link #BATCH} so that no stop lasts long even among ten
 *       thousand threads.</li>
 * </ul>
 */
final class StackFetcher {

    /** Frames kept per stack. */
    static final int DEPTH = 64;
    /** Threads per stop-the-world stack dump: about a millisecond's pause with ten thousand threads. */
    static final int BATCH = 64;
    private static final boolean HANDSHAKES = Runtime.version().feature() >= 19;

    /** The threads of one scan, by position, and where their stacks go. */
    interface Scanned {
        long id(int position);

        /** The thread itself when the agent tracks it, else null. */
        Thread thread(int position);

        /** @param info the thread's state and counts as of the stack, when the JDK gave them along; else null */
        void taken(int position, List<String> stack, ThreadInfo info);
    }

    private final ThreadMXBean mx;
    private final StackTable table;
    /** Stacks taken so far. */
    private long taken;

    StackFetcher(ThreadMXBean mx, StackTable table) {
        this.mx = mx;
        this.table = table;
    }

    /** Takes the requested stacks, one of each kind first, within the policy's budget; the scan keeps them. */
    void fetch(StackPolicy policy, StackRequests requests, Scanned scanned) {
        if (!requests.isEmpty()) {
            fetch(requests.ordered(), scanned, policy.budget(requests.onceCount()));
        }
    }

    private void fetch(int[] positions, Scanned scanned, StackBudget budget) {
        int[] batch = new int[BATCH];
        int pending = 0;
        for (int p : positions) {
            if (budget.allowance(1 + pending) <= pending) {
                break;
            }
            Thread thread = scanned.thread(p);
            if (thread != null && PlatformThreads.ended(thread)) {
                // ended since the scan: nothing to take (see PlatformThreads.ending)
                continue;
            }
            if (thread != null && (HANDSHAKES || ThreadKinds.isVirtual(thread))) {
                scanned.taken(p, table.of(thread.getStackTrace(), DEPTH), null);
                budget.spent(1);
                taken++;
            } else {
                batch[pending++] = p;
                if (pending == BATCH) {
                    dump(batch, pending, scanned, budget);
                    pending = 0;
                }
            }
        }
        dump(batch, pending, scanned, budget);
    }

    private void dump(int[] batch, int pending, Scanned scanned, StackBudget budget) {
        if (pending == 0) {
            return;
        }
        long[] ids = new long[pending];
        for (int i = 0; i < pending; i++) {
            ids[i] = scanned.id(batch[i]);
        }
        ThreadInfo[] infos = mx.getThreadInfo(ids, DEPTH);
        for (int i = 0; i < pending; i++) {
            if (infos[i] != null) {
                scanned.taken(batch[i], table.of(infos[i].getStackTrace(), DEPTH), infos[i]);
            }
        }
        budget.spent(pending);
        taken += pending;
    }

    /** How many stacks were taken so far. */
    long taken() {
        return taken;
    }
}
