package dev.threadhound.model;

import java.io.Serializable;
import java.util.List;

/**
 * One edge of the lock-order graph: a thread took {@code acquired} while it held {@code held}.
 *
 * @param held        id of the lock held
 * @param acquired    id of the lock taken while holding it
 * @param threadId    the first thread seen doing so
 * @param thread      its name
 * @param threadCount distinct threads seen doing so (the count stops at a few)
 * @param heldAt      frames where the held lock was taken, innermost first
 * @param acquiredAt  frames where the second lock was taken: the stack at the second lock
 * @param firstSeen   epoch millis of the first time
 * @param gates       ids of the other locks held exclusively every time this edge was made: while one of them is
 *                    held, no other thread can be inside the same section
 */
public record LockEdgeRecord(
        long held,
        long acquired,
        long threadId,
        String thread,
        int threadCount,
        List<String> heldAt,
        List<String> acquiredAt,
        long firstSeen,
        List<Long> gates) implements Serializable {

    public LockEdgeRecord {
        heldAt = List.copyOf(heldAt);
        acquiredAt = List.copyOf(acquiredAt);
        gates = List.copyOf(gates);
    }
}
