package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.JdkFields;

import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.util.concurrent.locks.LockSupport;

/**
 * Who holds the read lock of a {@code ReentrantReadWriteLock}. The JVM names the owner of a write lock, never a
 * reader: a read lock has no owner, only a count in each reader's own thread-local. So a thread waiting for the write
 * lock shows no owner, and a reader that asks for the write lock of its own lock (an upgrade, which a
 * {@code ReentrantReadWriteLock} never grants) waits forever in a deadlock of one thread that the JDK's deadlock
 * detection cannot see. Reads the lock's private fields and the reader's thread-local map, which needs
 * {@code java.util.concurrent.locks} and {@code java.lang} opened to the agent; asked only about threads parked on
 * such a lock, so it costs nothing otherwise.
 */
final class ReadHolds {

    private static final Class<?> SYNC = JdkFields.type("java.util.concurrent.locks.ReentrantReadWriteLock$Sync");
    private static final Field READ_HOLDS = JdkFields.field(SYNC, "readHolds");
    private static final Field FIRST_READER = JdkFields.field(SYNC, "firstReader");
    private static final Field FIRST_READER_HOLDS = JdkFields.field(SYNC, "firstReaderHoldCount");
    private static final Field CACHED_HOLDS = JdkFields.field(SYNC, "cachedHoldCounter");
    private static final Class<?> COUNTER =
            JdkFields.type("java.util.concurrent.locks.ReentrantReadWriteLock$Sync$HoldCounter");
    private static final Field COUNT = JdkFields.field(COUNTER, "count");
    private static final Field TID = JdkFields.field(COUNTER, "tid");
    private static final Field THREAD_LOCALS = JdkFields.field(Thread.class, "threadLocals");
    private static final Field TABLE = JdkFields.field(JdkFields.type("java.lang.ThreadLocal$ThreadLocalMap"), "table");
    private static final Field VALUE =
            JdkFields.field(JdkFields.type("java.lang.ThreadLocal$ThreadLocalMap$Entry"), "value");
    private static final boolean READABLE = SYNC != null && READ_HOLDS != null && FIRST_READER != null
            && FIRST_READER_HOLDS != null && CACHED_HOLDS != null && COUNT != null && TID != null
            && THREAD_LOCALS != null && TABLE != null && VALUE != null;

    private ReadHolds() {
    }

    /** The read-write lock a thread is parked on for good (no timeout), or null. */
    static Object lockWaitedOn(Thread t) {
        if (!READABLE || t.getState() != Thread.State.WAITING) {
            return null;
        }
        Object blocker = LockSupport.getBlocker(t);
        return readWriteLock(blocker) ? blocker : null;
    }

    /** Whether a park blocker is a read-write lock whose holds can be read. */
    static boolean readWriteLock(Object blocker) {
        return READABLE && SYNC.isInstance(blocker);
    }

    /**
     * Whether {@code t} holds the read lock of {@code lock} (a lock from {@link #lockWaitedOn}). A reader parked on
     * its own lock can only be waiting for the write lock: a reader's further read locks never wait.
     */
    static boolean holdsRead(Object lock, Thread t) {
        try {
            if (FIRST_READER.get(lock) == t) {
                return FIRST_READER_HOLDS.getInt(lock) > 0;
            }
            Object cached = CACHED_HOLDS.get(lock);
            if (cached != null && TID.getLong(cached) == t.getId()) {
                return COUNT.getInt(cached) > 0;
            }
            Object key = READ_HOLDS.get(lock);
            Object map = THREAD_LOCALS.get(t);
            Object[] entries = map != null ? (Object[]) TABLE.get(map) : null;
            if (entries == null) {
                return false;
            }
            // a parked thread's map does not change; a running one's may, and is only read, never trusted to hold
            for (Object entry : entries) {
                if (entry instanceof Reference<?> ref && ref.get() == key) {
                    Object counter = VALUE.get(entry);
                    return COUNTER.isInstance(counter) && COUNT.getInt(counter) > 0;
                }
            }
            return false;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
