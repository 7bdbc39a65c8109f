package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.ExecutorRegistry;

import java.lang.reflect.Field;
import java.util.concurrent.locks.LockSupport;

/**
 * The lock behind what a thread waits on. A thread parked on a {@code Condition} shows the condition object, and
 * the two sides of a queue park on two of them ({@code notEmpty}, {@code notFull}); both belong to one lock, which
 * is what makes a stuck producer and its consumer comparable. Reads the condition's enclosing synchronizer, which
 * needs {@code java.util.concurrent.locks} opened to the agent; without it, or for a monitor, the blocker itself.
 * Cost: a field read or two per waiting thread.
 */
final class LockBehind {

    private final Class<?> condition = type("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject");
    private final Class<?> longCondition = type("java.util.concurrent.locks.AbstractQueuedLongSynchronizer$ConditionObject");
    private final Field owner = enclosing(condition);
    private final Field longOwner = enclosing(longCondition);

    /** The lock's identity ({@code Class@hex}), or {@code blockedOn} itself when there is nothing behind it. */
    String of(Thread thread, String blockedOn) {
        if (blockedOn == null || thread == null) {
            return blockedOn;
        }
        Object blocker = LockSupport.getBlocker(thread);
        if (blocker == null || !ExecutorRegistry.identity(blocker).equals(blockedOn)) {
            // a monitor, or the thread has moved on since its state was read
            return blockedOn;
        }
        Field f = blocker.getClass() == condition ? owner : blocker.getClass() == longCondition ? longOwner : null;
        if (f == null) {
            return blockedOn;
        }
        try {
            Object lock = f.get(blocker);
            return lock != null ? ExecutorRegistry.identity(lock) : blockedOn;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return blockedOn;
        }
    }

    private static Class<?> type(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** The inner class's reference to its enclosing instance. */
    private static Field enclosing(Class<?> inner) {
        if (inner == null) {
            return null;
        }
        for (Field f : inner.getDeclaredFields()) {
            if (f.isSynthetic() && f.getName().startsWith("this$")) {
                try {
                    f.setAccessible(true);
                    return f;
                } catch (RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
