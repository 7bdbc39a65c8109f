package dev.threadhound.agent.instrument;

import org.objectweb.asm.Opcodes;

import java.util.HashMap;
import java.util.Map;

/**
 * A {@code java.util.concurrent} lock call in application code that lock-order tracking wraps: the {@code Lock}
 * interface, {@code ReentrantLock}, both locks of a {@code ReentrantReadWriteLock}, and {@code StampedLock}'s blocking
 * read and write locks. Tracked at the call site, so the JDK's own locks (inside queues and pools) stay untouched.
 *
 * @param kind   what the call does to the lock
 * @param shared a read lock, which other readers may hold at the same time
 */
record LockCall(Kind kind, boolean shared) {

    enum Kind {
        /** Blocks until held: {@code lock()}, {@code lockInterruptibly()}, {@code StampedLock.writeLock()}... */
        ACQUIRE,
        /** Never blocks; held when it returned true: {@code tryLock()}. */
        TRY,
        /** Blocks up to a timeout; held when it returned true: {@code tryLock(long, TimeUnit)}. */
        TIMED_TRY,
        /** {@code unlock()}. */
        RELEASE,
        /** {@code StampedLock.unlockWrite(long)} and friends: the stamp is an argument. */
        RELEASE_STAMP
    }

    private static final String LOCK = "java/util/concurrent/locks/Lock";
    private static final String STAMPED = "java/util/concurrent/locks/StampedLock";
    private static final Map<String, LockCall> CALLS = new HashMap<>();

    static {
        lockMethods(Opcodes.INVOKEINTERFACE, LOCK, false);
        lockMethods(Opcodes.INVOKEVIRTUAL, "java/util/concurrent/locks/ReentrantLock", false);
        lockMethods(Opcodes.INVOKEVIRTUAL, "java/util/concurrent/locks/ReentrantReadWriteLock$WriteLock", false);
        lockMethods(Opcodes.INVOKEVIRTUAL, "java/util/concurrent/locks/ReentrantReadWriteLock$ReadLock", true);
        put(Opcodes.INVOKEVIRTUAL, STAMPED, "writeLock", "()J", new LockCall(Kind.ACQUIRE, false));
        put(Opcodes.INVOKEVIRTUAL, STAMPED, "writeLockInterruptibly", "()J", new LockCall(Kind.ACQUIRE, false));
        put(Opcodes.INVOKEVIRTUAL, STAMPED, "readLock", "()J", new LockCall(Kind.ACQUIRE, true));
        put(Opcodes.INVOKEVIRTUAL, STAMPED, "readLockInterruptibly", "()J", new LockCall(Kind.ACQUIRE, true));
        for (String unlock : new String[] {"unlockWrite", "unlockRead", "unlock"}) {
            put(Opcodes.INVOKEVIRTUAL, STAMPED, unlock, "(J)V", new LockCall(Kind.RELEASE_STAMP, false));
        }
    }

    /** The tracked call this instruction is, or null. */
    static LockCall of(int opcode, String owner, String name, String descriptor) {
        return owner.startsWith("java/util/concurrent/locks/") ? CALLS.get(opcode + owner + '.' + name + descriptor) : null;
    }

    /** {@code rw.readLock().lock()}: the lock's name is the field the read-write lock came from. */
    static boolean keepsName(int opcode, String owner, String name) {
        return opcode == Opcodes.INVOKEVIRTUAL && owner.equals("java/util/concurrent/locks/ReentrantReadWriteLock")
                && (name.equals("readLock") || name.equals("writeLock"))
                || owner.equals(STAMPED) && (name.equals("asReadLock") || name.equals("asWriteLock"));
    }

    private static void lockMethods(int opcode, String owner, boolean shared) {
        put(opcode, owner, "lock", "()V", new LockCall(Kind.ACQUIRE, shared));
        put(opcode, owner, "lockInterruptibly", "()V", new LockCall(Kind.ACQUIRE, shared));
        put(opcode, owner, "tryLock", "()Z", new LockCall(Kind.TRY, shared));
        put(opcode, owner, "tryLock", "(JLjava/util/concurrent/TimeUnit;)Z", new LockCall(Kind.TIMED_TRY, shared));
        put(opcode, owner, "unlock", "()V", new LockCall(Kind.RELEASE, shared));
    }

    private static void put(int opcode, String owner, String name, String descriptor, LockCall call) {
        CALLS.put(opcode + owner + '.' + name + descriptor, call);
    }
}
