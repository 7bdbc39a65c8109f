package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.JdkFields;

import java.lang.reflect.Field;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer.ConditionObject;
import java.util.concurrent.locks.StampedLock;

/**
 * Which node of its lock's, condition's or transfer queue's wait queue a parked thread waits in: the
 * java.util.concurrent locks (a {@code StampedLock} too), latches, semaphores and blocking queues queue each wait as a
 * new node, so a thread found in another node than at the scan
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
    private static final String TRANSFER_QUEUE = "java.util.concurrent.LinkedTransferQueue";
    /** A lock's queue: new waits come in at the tail; a node's link to the one before it is set before it is queued. */
    private static final Kind SYNC = Kind.of(AbstractQueuedSynchronizer.class, "head", "tail", AQS + "$Node", "prev",
            false);
    /** A condition's queue is linked forwards only, and only under its lock: read as it happens to be. */
    private static final Kind CONDITION = Kind.of(ConditionObject.class, "firstWaiter", "lastWaiter",
            AQS + "$ConditionNode", "nextWaiter", true);
    /**
     * A {@code LinkedTransferQueue}'s, and from JDK 21 on a {@code SynchronousQueue}'s (its transferer is one): read
     * from its head, a node that has left the queue linked to itself.
     */
    private static final Kind TRANSFER = Kind.of(LinkedTransferQueue.class, "head", "tail",
            JdkFields.type(TRANSFER_QUEUE + "$DualNode") != null ? TRANSFER_QUEUE + "$DualNode" : TRANSFER_QUEUE + "$Node",
            "next", true);

    /**
     * A {@code StampedLock}'s: its own queue, built as a lock's (new waits at the tail, linked backwards); a reader
     * that waits beside another reader hangs off that one's node and is not found (taken for one that did not move).
     */
    private static final Kind STAMPED = Kind.of(StampedLock.class, "head", "tail",
            "java.util.concurrent.locks.StampedLock$Node", "prev", false);

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

    /** Whether this JDK's lock and condition queues can be read. */
    static boolean readable() {
        return SYNC != null && CONDITION != null;
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
        if (blocker == null) {
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
            Kind kind = blocker instanceof AbstractQueuedSynchronizer ? SYNC
                    : blocker instanceof ConditionObject ? CONDITION
                    : blocker instanceof LinkedTransferQueue ? TRANSFER
                    : blocker instanceof StampedLock ? STAMPED : null;
            if (kind == null) {
                lastBlocker = blocker;
                lastLook = null;
                return null;
            }
            Object first = JdkFields.get(kind.first, blocker);
            Object last = JdkFields.get(kind.last, blocker);
            Look was = before.get(blocker);
            look = new Look(kind, first, last, was != null && was.first == first && was.last == last);
            looks.put(blocker, look);
        }
        lastBlocker = blocker;
        lastLook = look;
        return look;
    }

    /** One queue's ends as a scan found them, and the threads in it once asked for. */
    private final class Look {
        private final Kind kind;
        private final Object first;
        private final Object last;
        private final boolean unchanged;
        private Map<Thread, Object> nodes;

        Look(Kind kind, Object first, Object last, boolean unchanged) {
            this.kind = kind;
            this.first = first;
            this.last = last;
            this.unchanged = unchanged;
        }

        Map<Thread, Object> nodes() {
            if (nodes == null) {
                nodes = new IdentityHashMap<>();
                Object node = kind.fromFirst ? first : last;
                int read = 0;
                while (node != null && read++ < mostNodes && nodesRead++ < mostNodesAScan) {
                    if (JdkFields.get(kind.waiter, node) instanceof Thread waiter) {
                        nodes.putIfAbsent(waiter, node);
                    }
                    Object next = JdkFields.get(kind.link, node);
                    node = next == node ? null : next;
                }
            }
            return nodes;
        }
    }

    /** Where a kind of queue keeps its ends, how its nodes link, and who waits in one; null where unreadable. */
    private record Kind(Field first, Field last, Field link, Field waiter, boolean fromFirst) {

        static Kind of(Class<?> queue, String first, String last, String node, String link, boolean fromFirst) {
            Class<?> nodeType = JdkFields.type(node);
            // the waiting thread is kept in the base node class of the AQS nodes
            Class<?> waiterOwner = node.endsWith("$ConditionNode") ? JdkFields.type(AQS + "$Node") : nodeType;
            Kind kind = new Kind(JdkFields.field(queue, first), JdkFields.field(queue, last),
                    JdkFields.field(nodeType, link), JdkFields.field(waiterOwner, "waiter"), fromFirst);
            return kind.first == null || kind.last == null || kind.link == null || kind.waiter == null ? null : kind;
        }
    }
}
