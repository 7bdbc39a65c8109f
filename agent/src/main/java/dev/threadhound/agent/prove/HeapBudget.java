package dev.threadhound.agent.prove;

import dev.threadhound.source.heap.HeapDump;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * Whether a proof may run now: the heap in use must be below the limit the user set, the analysis must fit in the
 * free heap (the agent must never be the one that runs the application out of memory), and the dump must fit on
 * disk. Each refusal is one line that names the numbers.
 */
final class HeapBudget {

    /** The analysis may take at most this share of the free heap; the rest stays the application's. */
    private static final double SHARE_OF_FREE = 0.5;

    private HeapBudget() {
    }

    /** A typical Java object, for the estimate before the dump; the dump itself then tells. */
    private static final long TYPICAL_OBJECT_BYTES = 32;

    /** Before the dump: the live heap (as of the last collection) stands for the dump. */
    static long checkBefore(long limit, long usableDisk) throws ProofRefused {
        long live = liveHeap();
        if (live > limit) {
            throw new ProofRefused("the heap in use (" + megabytes(live) + ") is above prove's limit ("
                    + megabytes(limit) + "); raise it with prove=<size>, such as prove=1g");
        }
        checkMemory(live / TYPICAL_OBJECT_BYTES, live);
        if (usableDisk < live + live / 2) {
            throw new ProofRefused("the temporary folder has " + megabytes(usableDisk) + " free, too little for a heap dump of about "
                    + megabytes(live) + "; point java.io.tmpdir elsewhere");
        }
        return live;
    }

    /** Whether the analysis of {@code objects} objects fits in half the free heap. */
    static void checkMemory(long objects, long heapBytes) throws ProofRefused {
        long needed = HeapDump.memoryNeeded(objects);
        long free = freeHeap();
        if (needed > free * SHARE_OF_FREE) {
            throw new ProofRefused("analyzing a heap of " + megabytes(heapBytes) + " (" + objects / 1000 + "k objects) needs"
                    + " about " + megabytes(needed) + " and only " + megabytes(free) + " of the heap is free (-Xmx); no proof this time");
        }
    }

    /** Heap in use after the last collection, summed over the heap pools; the current use where a pool does not say. */
    static long liveHeap() {
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP) {
                continue;
            }
            MemoryUsage after = pool.getCollectionUsage();
            live += after != null && after.getUsed() > 0 ? after.getUsed() : pool.getUsage().getUsed();
        }
        return live;
    }

    /** What the heap can still grow by: its maximum less what is in use now. */
    static long freeHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    static String megabytes(long bytes) {
        return (bytes + (1 << 19)) / (1 << 20) + " MB";
    }
}
