package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.ExecutorRegistry;
import dev.threadhound.agent.track.JdkFields;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The lock behind what a thread waits on. A thread parked on a {@code Condition} shows the condition object, and
 * the two sides of a queue park on two of them ({@code notEmpty}, {@code notFull}); both belong to one lock, which
 * is what makes a stuck producer and its consumer comparable. Reads the condition's enclosing synchronizer, which
 * needs {@code java.util.concurrent.locks} opened to the agent; for a monitor or a latch it is the blocker itself.
 * Cost: a field read or two per waiting thread, and a map entry per condition seen (bounded).
 */
final class LockBehind {

    /** Conditions whose lock is remembered: far more than a JVM's queues and locks in use at once. */
    static final int CONDITIONS_KEPT = 10_000;

    private final Class<?> condition =
            JdkFields.type("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject");
    private final Class<?> longCondition =
            JdkFields.type("java.util.concurrent.locks.AbstractQueuedLongSynchronizer$ConditionObject");
    private final Field owner = enclosing(condition);
    private final Field longOwner = enclosing(longCondition);
    /** Condition identity to the identity of its lock; used by the detector loop only, the newest kept. */
    private final Map<String, String> known = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CONDITIONS_KEPT;
        }
    };

    /**
     * The lock's identity ({@code Class@hex}), or {@code blockedOn} itself when there is nothing behind it (a
     * monitor, a latch); null when {@code blockedOn} is a condition whose lock is not known yet. A busy thread may
     * have moved on between the reading of its state and this call; the lock behind a condition it was seen on
     * before is remembered, since a condition belongs to one lock for good.
     */
    String of(Thread thread, String blockedOn) {
        if (blockedOn == null || thread == null) {
            return blockedOn;
        }
        Object blocker = LockSupport.getBlocker(thread);
        if (blocker != null && ExecutorRegistry.identity(blocker).equals(blockedOn)) {
            Field f = blocker.getClass() == condition ? owner : blocker.getClass() == longCondition ? longOwner : null;
            if (f == null) {
                return blockedOn;
            }
            String lock = owner(f, blocker);
            if (lock != null) {
                known.put(blockedOn, lock);
            }
            return lock;
        }
        String lock = known.get(blockedOn);
        return lock != null || isCondition(blockedOn) ? lock : blockedOn;
    }

    private static String owner(Field f, Object condition) {
        try {
            Object lock = f.get(condition);
            return lock != null ? ExecutorRegistry.identity(lock) : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private boolean isCondition(String identity) {
        return condition != null && identity.startsWith(condition.getName() + "@")
                || longCondition != null && identity.startsWith(longCondition.getName() + "@");
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
