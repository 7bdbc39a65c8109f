package dev.threadhound.agent.snapshot;

import java.lang.management.ThreadInfo;
import java.util.Objects;

/**
 * What the last read of one platform thread found, kept in place of the JDK's {@code ThreadInfo}: that object, its
 * {@code LockInfo} and its own copy of the lock's name came to about 200 bytes a thread, 2 MB at ten thousand
 * threads, for a handful of fields. Updated in place at each read; {@link #version()} moves only when something the
 * thread's record shows has changed, so a thread read again exactly as before keeps its record. What
 * {@link SuspectLooks} remembers of the thread between cycles lives in the same object, as the fields it inherits.
 */
final class ThreadRead extends SuspectLooks.Seen {

    private final long id;
    private String name;
    private boolean daemon;
    private Thread.State state;
    private String lockName;
    private String lockClass;
    private long ownerId;
    private String ownerName;
    private long blocked;
    private long waited;
    private long version;

    ThreadRead(long id) {
        this.id = id;
    }

    /** Takes in a fresh read; {@code names} gives one string for each lock name, however many threads wait on it. */
    void update(ThreadInfo info, SharedNames names) {
        update(info.getThreadName(), info.isDaemon(), info.getThreadState(), info.getLockName(),
                info.getLockInfo() != null ? info.getLockInfo().getClassName() : null, info.getLockOwnerId(),
                info.getLockOwnerName(), info.getBlockedCount(), info.getWaitedCount(), names);
    }

    /**
     * Takes in a read made without the JVM ({@link CarrierThreads}): its counts are the agent's own, -1 where it
     * keeps none.
     */
    void update(Thread thread, CarrierThreads.Look look, long blockedCount, long waitedCount, SharedNames names) {
        update(thread.getName(), thread.isDaemon(), look.state(), look.lockName(), look.lockClass(), look.ownerId(),
                look.ownerName(), blockedCount, waitedCount, names);
    }

    /**
     * The owner of what the thread waits for is read as none when it is the thread itself, but on a lock of the
     * application's own. A read without a stack stops no thread: its state, blocker and the blocker's owner are read
     * one after the other while the thread runs on, and JDK 25 finds a carrier thread of virtual threads waiting on
     * itself, owned by itself, several times a second under a virtual thread per task (without any agent), or a thread
     * blocked on the monitor it has just entered. The JDK's reentrant locks let their holder through, and a read
     * lock's holder asking for the write lock is found by reading the lock's holds instead ({@link ReadHolds}); a
     * lock of the application's own may not be reentrant, and its holder parked on it waits for itself, which the
     * detectors judge once it has not moved for {@code stuckAfter}.
     */
    private void update(String threadName, boolean isDaemon, Thread.State now, String lock, String lockType,
                        long owner, String owned, long blockedCount, long waitedCount, SharedNames names) {
        long ownerNow = owner == id && !ownLock(now, lockType) ? -1 : owner;
        if (version > 0 && inSameWait(now, lock, blockedCount, waitedCount) && ownerId == ownerNow
                && threadName.equals(name) && daemon == isDaemon) {
            return;
        }
        name = threadName;
        daemon = isDaemon;
        state = now;
        if (!Objects.equals(lock, lockName)) {
            lockName = names.of(lock);
            lockClass = lockType;
        }
        ownerId = ownerNow;
        ownerName = ownerId >= 0 ? owned : null;
        blocked = blockedCount;
        waited = waitedCount;
        version++;
    }

    /** Parked on a synchronizer that is not the JDK's: one of the application's or a library's own. */
    private static boolean ownLock(Thread.State state, String lockType) {
        return state == Thread.State.WAITING && lockType != null && !lockType.startsWith("java.")
                && !lockType.startsWith("jdk.") && !lockType.startsWith("sun.");
    }

    /** Whether {@code info} finds the thread as this read did: same state, blocker and wait counts. */
    boolean inSameWait(ThreadInfo info) {
        return inSameWait(info.getThreadState(), info.getLockName(), info.getBlockedCount(), info.getWaitedCount());
    }

    private boolean inSameWait(Thread.State now, String lock, long blockedCount, long waitedCount) {
        return now == state && Objects.equals(lock, lockName) && blockedCount == blocked && waitedCount == waited;
    }

    long id() {
        return id;
    }

    String name() {
        return name;
    }

    boolean daemon() {
        return daemon;
    }

    Thread.State state() {
        return state;
    }

    /** {@code Class@hex} of what the thread waits for, or null. */
    String lockName() {
        return lockName;
    }

    /** The class name of what the thread waits for, or null. */
    String lockClass() {
        return lockClass;
    }

    long ownerId() {
        return ownerId;
    }

    String ownerName() {
        return ownerName;
    }

    long blocked() {
        return blocked;
    }

    long waited() {
        return waited;
    }

    /** Moves whenever a read finds the thread changed: a record made at one version stands for it until the next. */
    long version() {
        return version;
    }
}
