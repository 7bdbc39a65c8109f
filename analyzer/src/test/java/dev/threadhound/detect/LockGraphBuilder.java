package dev.threadhound.detect;

import dev.threadhound.model.LockEdgeRecord;
import dev.threadhound.model.LockOrderGraph;
import dev.threadhound.model.LockRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a lock-order graph by hand: locks by number and readable name, edges as "this thread took {@code to} at
 * this frame while holding {@code from}, taken at that frame". Edges are made one millisecond apart, in the order
 * the test adds them.
 */
public final class LockGraphBuilder {

    private final List<LockRecord> locks = new ArrayList<>();
    private final List<LockEdgeRecord> edges = new ArrayList<>();
    private long time = SnapshotBuilder.NOW - 60_000;

    public static LockGraphBuilder graph() {
        return new LockGraphBuilder();
    }

    /** A lock {@code com.acme.<type>@<id in hex>} named {@code name} (null: no name). */
    public LockGraphBuilder lock(long id, String type, String name) {
        locks.add(new LockRecord(id, "com.acme." + type + "@" + Long.toHexString(0x1b6d3500L + id), name));
        return this;
    }

    /** {@code thread} took {@code to} in {@code method} while holding {@code from}, which it took in the same method. */
    public LockGraphBuilder edge(long from, long to, long threadId, String thread, String method, long... gates) {
        return edge(from, to, threadId, thread, 1, method, gates);
    }

    public LockGraphBuilder edge(long from, long to, long threadId, String thread, int threadCount, String method,
                                 long... gates) {
        String frame = "app//com.acme." + method + "(" + method.substring(0, method.indexOf('.')) + ".java:";
        List<Long> gateIds = new ArrayList<>();
        for (long g : gates) {
            gateIds.add(g);
        }
        edges.add(new LockEdgeRecord(from, to, threadId, thread, threadCount,
                List.of(frame + (10 + from) + ")", "app//com.acme.Main.run(Main.java:5)"),
                List.of(frame + (20 + to) + ")", "app//com.acme.Main.run(Main.java:5)"),
                time += 1, gateIds));
        return this;
    }

    /** {@code thread} took {@code to} holding {@code from}, with these stacks at each lock. */
    public LockGraphBuilder edge(long from, long to, long threadId, String thread, List<String> heldAt,
                                 List<String> acquiredAt) {
        edges.add(new LockEdgeRecord(from, to, threadId, thread, 1, heldAt, acquiredAt, time += 1, List.of()));
        return this;
    }

    public LockOrderGraph build() {
        return new LockOrderGraph(locks, edges);
    }
}
