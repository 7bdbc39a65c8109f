package dev.threadhound.agent.track;

import com.blogspot.mydailyjava.weaklockfree.WeakConcurrentMap;
import dev.threadhound.model.LockEdgeRecord;
import dev.threadhound.model.LockOrderGraph;
import dev.threadhound.model.LockRecord;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The order in which threads took locks: lock instances (weakly held) and an edge per (held, acquired) pair; an edge
 * into a lock never held while another was taken (a leaf) waits on that lock's node until it is, and dies with it.
 * Bounded:
 * at most {@link #MAX_EDGES} edges and {@link #MAX_NODES} locks; a full graph takes no new ones until the detector
 * loop, which expunges dead locks and their edges every cycle, has made room. An edge on a cycle outlives its locks
 * (up to {@link #MAX_RETAINED} of them), so a cycle of short-lived locks is still reported after they are collected.
 */
public final class LockGraph {

    public static final int MAX_EDGES = 50_000;
    static final int MAX_NODES = 50_000;
    static final int MAX_RETAINED = 1_000;
    /** Edges waiting on one leaf lock: a lock taken under many others is soon in the graph anyway. */
    static final int PARKED_PER_LOCK = 64;
    static final long ROOM_EVERY_MS = 100;

    // No cleaner thread: the detector loop expunges once per cycle.
    private final WeakConcurrentMap<Object, LockNode> nodes = new WeakConcurrentMap<>(false, true);
    private final ConcurrentHashMap<Long, OrderEdge> edges = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger nodeCount = new AtomicInteger();
    private final AtomicInteger edgeCount = new AtomicInteger();
    private final AtomicInteger retained = new AtomicInteger();
    private final AtomicLong version = new AtomicLong();
    private volatile boolean full;
    private final AtomicLong lastRoom = new AtomicLong(System.nanoTime());

    private long exportedVersion = -1;
    private LockOrderGraph exported = LockOrderGraph.EMPTY;

    /** The node of a lock, named from the site that took it; null when it is new and the graph is full. */
    LockNode node(Object lock, LockSite site) {
        LockNode node = nodes.get(lock);
        if (node != null) {
            node.named(site);
            return node;
        }
        if (nodeCount.get() >= MAX_NODES && !roomForLocks() || edgeCount.get() >= MAX_EDGES) {
            full = true;
            return null;
        }
        LockNode created = new LockNode(lock, ids.incrementAndGet(), site);
        LockNode raced = nodes.putIfAbsent(lock, created);
        if (raced != null) {
            return raced;
        }
        nodeCount.incrementAndGet();
        return created;
    }

    /**
     * Drops the collected locks now, at most every {@value #ROOM_EVERY_MS} ms: a cache that locks each entry it
     * evicts makes thousands of locks a second, each dead soon after, more than the detector loop's round drops.
     */
    private boolean roomForLocks() {
        long now = System.nanoTime();
        long last = lastRoom.get();
        if (now - last < ROOM_EVERY_MS * 1_000_000L || !lastRoom.compareAndSet(last, now)) {
            return false;
        }
        nodes.expungeStaleEntries();
        nodeCount.set(nodes.approximateSize());
        return nodeCount.get() < MAX_NODES;
    }

    /**
     * Records that the current thread took {@code to} holding {@code from} and, exclusively, {@code gates} (sorted
     * ids); the stacks are taken only for a new edge. Returns false when the edge is new and the graph is full.
     */
    boolean edge(LockNode from, LockNode to, long[] gates, Function<Boolean, SiteStacks.Stacks> stacks) {
        if (!from.taker) {
            becameTaker(from);
        }
        Thread current = Thread.currentThread();
        if (!to.taker && parked(from, to, gates, stacks, current)) {
            return true;
        }
        long key = OrderEdge.key(from.id, to.id);
        OrderEdge known = edges.get(key);
        if (known != null) {
            if (known.again(current, gates)) {
                version.incrementAndGet();
            }
            return true;
        }
        if (edgeCount.get() >= MAX_EDGES) {
            full = true;
            return false;
        }
        // the reverse edge known: this one closes a cycle, and is reported with the stacks of its own path
        boolean closing = edges.containsKey(OrderEdge.key(to.id, from.id));
        OrderEdge created = new OrderEdge(from, to, current, stacks.apply(closing), gates, System.currentTimeMillis());
        OrderEdge raced = edges.putIfAbsent(key, created);
        if (raced != null) {
            raced.again(current, gates);
        } else {
            edgeCount.incrementAndGet();
        }
        version.incrementAndGet();
        return true;
    }

    /**
     * An edge into a lock that has never been held while another was taken waits on that lock's node (at most
     * {@link #PARKED_PER_LOCK} of them; past that, in the graph). Returns false when the lock has become a taker
     * meanwhile, or its node is full: the edge then goes into the graph.
     */
    private boolean parked(LockNode from, LockNode to, long[] gates, Function<Boolean, SiteStacks.Stacks> stacks,
                           Thread current) {
        synchronized (to) {
            if (to.taker) {
                return false;
            }
            if (to.parked == null) {
                to.parked = new ArrayList<>(2);
            }
            for (OrderEdge e : to.parked) {
                if (e.from == from) {
                    e.again(current, gates);
                    return true;
                }
            }
            if (to.parked.size() >= PARKED_PER_LOCK) {
                to.parked.removeIf(OrderEdge::dead);
                if (to.parked.size() >= PARKED_PER_LOCK) {
                    return false;
                }
            }
            to.parked.add(new OrderEdge(from, to, current, stacks.apply(false), gates, System.currentTimeMillis()));
            return true;
        }
    }

    /** The lock was held while another was taken: the edges waiting on it join the graph, where cycles are looked for. */
    private void becameTaker(LockNode node) {
        List<OrderEdge> waiting;
        synchronized (node) {
            if (node.taker) {
                return;
            }
            node.taker = true;
            waiting = node.parked;
            node.parked = null;
        }
        if (waiting == null) {
            return;
        }
        for (OrderEdge e : waiting) {
            if (edgeCount.get() >= MAX_EDGES) {
                full = true;
                return;
            }
            if (edges.putIfAbsent(e.key(), e) == null) {
                edgeCount.incrementAndGet();
            }
        }
        version.incrementAndGet();
    }

    /**
     * The edges on some cycle, with their locks: what a snapshot carries. Then drops dead locks and their edges,
     * keeping those that were on a cycle. Called by the detector loop and by tools asking for a snapshot; the full
     * graph is read only when it changed since the last call (a few milliseconds at 50,000 edges).
     */
    public synchronized LockOrderGraph cyclicPart() {
        long now = version.get();
        if (now != exportedVersion) {
            exported = export().cyclicPart();
            exportedVersion = now;
        }
        expunge(exported);
        return exported;
    }

    /** Whether the graph has turned a new edge or lock away since the last call. */
    public boolean wasFull() {
        boolean was = full;
        full = false;
        return was;
    }

    /** Which bound a full graph reached: {@code 50000 locks} or {@code 50000 edges}. */
    public String bound() {
        return nodeCount.get() >= MAX_NODES ? MAX_NODES + " locks" : MAX_EDGES + " edges";
    }

    public int edgeCount() {
        return edgeCount.get();
    }

    public int nodeCount() {
        return nodeCount.get();
    }

    /** The graph's edges and their locks; the edges parked on leaf locks are left out: no cycle can hold them. */
    LockOrderGraph export() {
        return export(edges.values());
    }

    /** The whole order seen, parked edges included: for tests. */
    LockOrderGraph exportWithParked() {
        List<OrderEdge> all = new ArrayList<>(edges.values());
        for (Map.Entry<Object, LockNode> entry : nodes) {
            LockNode node = entry.getValue();
            synchronized (node) {
                if (node.parked != null) {
                    all.addAll(node.parked);
                }
            }
        }
        return export(all);
    }

    private static LockOrderGraph export(Iterable<OrderEdge> edges) {
        List<LockEdgeRecord> out = new ArrayList<>();
        Map<Long, LockRecord> locks = new LinkedHashMap<>();
        for (OrderEdge e : edges) {
            out.add(e.record());
            locks.computeIfAbsent(e.from.id, id -> e.from.record());
            locks.computeIfAbsent(e.to.id, id -> e.to.record());
        }
        return new LockOrderGraph(new ArrayList<>(locks.values()), out);
    }

    private void expunge(LockOrderGraph onCycles) {
        Set<Long> keep = new HashSet<>();
        onCycles.edges().forEach(e -> keep.add(OrderEdge.key(e.held(), e.acquired())));
        boolean removed = false;
        for (OrderEdge e : edges.values()) {
            if (e.retained || !e.dead()) {
                continue;
            }
            if (keep.contains(e.key()) && retained.get() < MAX_RETAINED) {
                e.retained = true;
                retained.incrementAndGet();
            } else if (edges.remove(e.key(), e)) {
                edgeCount.decrementAndGet();
                removed = true;
            }
        }
        nodes.expungeStaleEntries();
        nodeCount.set(nodes.approximateSize());
        if (removed) {
            version.incrementAndGet();
        }
    }
}
