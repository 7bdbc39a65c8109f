package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.JdkFields;

import java.lang.reflect.Field;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer.ConditionObject;

/**
 * Which node of its lock's or condition's queue a parked thread waits in: the java.util.concurrent locks, latches,
 * semaphores and blocking queues queue each wait as a new node, so a thread found in another node than at the scan
 * before has waited anew since, though it waits at the same line on the same object. This is the progress the JDK's
 * wait counts show of a platform thread, and which it keeps for no virtual thread: without it a virtual thread
 * consuming a queue, woken by every item, looked stuck in {@code take()} for as long as it lived.
 *
 * <p>A queue is read for the threads in it only when its ends moved since the scan before (a hundred thousand threads
 * parked on one latch cost one read of its ends per scan), and then at most {@value #MOST_NODES} nodes of it, from the
 * end where new waits come in, and {@value #MOST_NODES_A_SCAN} in all in a scan. A thread not found there keeps the
 * node it was last seen in: it is taken for one that did not wait anew, as it was before any queue was read.
 */
final class QueueNodes {

    static final int MOST_NODES = 4_096;
    static final int MOST_NODES_A_SCAN = 16_384;

    private static final String AQS = "java.util.concurrent.locks.AbstractQueuedSynchronizer";
    private static final Field HEAD = JdkFields.field(AbstractQueuedSynchronizer.class, "head");
    private static final Field TAIL = JdkFields.field(AbstractQueuedSynchronizer.class, "tail");
    private static final Field PREV = JdkFields.field(JdkFields.type(AQS + "$Node"), "prev");
    private static final Field WAITER = JdkFields.field(JdkFields.type(AQS + "$Node"), "waiter");
    private static final Field FIRST_WAITER = JdkFields.field(ConditionObject.class, "firstWaiter");
    private static final Field LAST_WAITER = JdkFields.field(ConditionObject.class, "lastWaiter");
    private static final Field NEXT_WAITER = JdkFields.field(JdkFields.type(AQS + "$ConditionNode"), "nextWaiter");
    private static final boolean READABLE = HEAD != null && TAIL != null && PREV != null && WAITER != null
            && FIRST_WAITER != null && LAST_WAITER != null && NEXT_WAITER != null;

    private final int mostNodes;
    private final int mostNodesAScan;
    /** The queues looked at in this scan and in the one before, by their lock or condition. */
    private Map<Object, Look> looks = new IdentityHashMap<>();
    private Map<Object, Look> before = new IdentityHashMap<>();
    /** Threads parked alike come in runs: the last blocker asked for, and its look. */
    private Object lastBlocker;
    private Look lastLook;
    private int nodesRead;

    QueueNodes() {
        this(MOST_NODES, MOST_NODES_A_SCAN);
    }

    QueueNodes(int mostNodes, int mostNodesAScan) {
        this.mostNodes = mostNodes;
        this.mostNodesAScan = mostNodesAScan;
    }

    /** Whether this JDK's queues can be read at all. */
    static boolean readable() {
        return READABLE;
    }

    /** Starts a scan: the looks of the scan that ends become those compared with. */
    void beginScan() {
        Map<Object, Look> done = before;
        before = looks;
        done.clear();
        looks = done;
        lastBlocker = null;
        lastLook = null;
        nodesRead = 0;
    }

    /**
     * The identity hash code of the node {@code t}, parked on {@code blocker}, waits in; {@code lastNode} (what this
     * answered at the scan before, for the same blocker; 0 if none) when the queue has not moved since or the thread is
     * not found in it; 0 when the blocker has no queue this can read. Read queues are not read again in the same scan.
     */
    int nodeOf(Object blocker, Thread t, int lastNode) {
        if (!READABLE || blocker == null) {
            return 0;
        }
        Look look = blocker == lastBlocker ? lastLook : look(blocker);
        if (look == null) {
            return 0;
        }
        if (look.unchanged) {
            // nobody came into the queue or left it: every thread is where it was, a thread not found then is not now
            return lastNode;
        }
        Object node = look.nodes().get(t);
        return node != null ? System.identityHashCode(node) : lastNode;
    }

    private Look look(Object blocker) {
        Look look = looks.get(blocker);
        if (look == null) {
            Object first;
            Object last;
            if (blocker instanceof AbstractQueuedSynchronizer) {
                first = JdkFields.get(HEAD, blocker);
                last = JdkFields.get(TAIL, blocker);
            } else if (blocker instanceof ConditionObject) {
                first = JdkFields.get(FIRST_WAITER, blocker);
                last = JdkFields.get(LAST_WAITER, blocker);
            } else {
                lastBlocker = blocker;
                lastLook = null;
                return null;
            }
            Look was = before.get(blocker);
            look = new Look(blocker, first, last, was != null && was.first == first && was.last == last);
            looks.put(blocker, look);
        }
        lastBlocker = blocker;
        lastLook = look;
        return look;
    }

    /** One queue's ends as a scan found them, and the threads in it once asked for. */
    private final class Look {
        private final Object blocker;
        private final Object first;
        private final Object last;
        private final boolean unchanged;
        private Map<Thread, Object> nodes;

        Look(Object blocker, Object first, Object last, boolean unchanged) {
            this.blocker = blocker;
            this.first = first;
            this.last = last;
            this.unchanged = unchanged;
        }

        Map<Thread, Object> nodes() {
            if (nodes == null) {
                nodes = new IdentityHashMap<>();
                if (blocker instanceof AbstractQueuedSynchronizer) {
                    // new waits come in at the tail; a node's link to the one before it is set before it is queued
                    for (Object node = last; node != null && readOne(); node = JdkFields.get(PREV, node)) {
                        put(node);
                    }
                } else {
                    // a condition's queue is linked forwards only, and only under its lock: read as it happens to be
                    for (Object node = first; node != null && readOne(); node = JdkFields.get(NEXT_WAITER, node)) {
                        put(node);
                    }
                }
            }
            return nodes;
        }

        private boolean readOne() {
            return nodes.size() < mostNodes && nodesRead++ < mostNodesAScan;
        }

        private void put(Object node) {
            if (JdkFields.get(WAITER, node) instanceof Thread waiter) {
                nodes.putIfAbsent(waiter, node);
            }
        }
    }
}
