package dev.threadhound.agent.track;

import java.lang.ref.WeakReference;

/**
 * One thread's memory of the executor it last handed a task to, so that the next task to the same executor finds
 * its origin without a registry lookup. Weak: remembering an executor never keeps it alive.
 */
final class LastExecutor {

    private WeakReference<Object> executor = new WeakReference<>(null);
    private ExecutorOrigin origin;

    /** The origin of {@code pool}, or null for an executor the registry does not know (yet). */
    ExecutorOrigin origin(Object pool, ExecutorRegistry registry) {
        if (executor.get() != pool) {
            ExecutorOrigin known = registry.get(pool);
            if (known == null) {
                return null;
            }
            executor = new WeakReference<>(pool);
            origin = known;
        }
        return origin;
    }
}
