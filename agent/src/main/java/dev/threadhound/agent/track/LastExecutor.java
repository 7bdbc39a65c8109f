package dev.threadhound.agent.track;

import java.lang.ref.WeakReference;

/**
 * One thread's memory of the executor it last handed a task to, so that the next task to the same executor finds
 * its origin without a registry lookup, and of the class of that task, whose submission site is then recorded
 * already: a stream of tasks of one class costs no {@link TaskSites} lookup each (a {@code ClassValue}, a sixth of
 * what the agent adds to the submitting thread of empty tasks). Weak: remembering an executor or a class never
 * keeps it, or its class loader, alive.
 */
final class LastExecutor {

    /**
     * For virtual threads, which remember nothing: one lives for a request or a task, and a thread-local of its own
     * (a map made for it, with this object in it) cost more than the lookups it would save.
     */
    static final LastExecutor NONE = new LastExecutor(false);

    private final boolean remembers;
    private WeakReference<Object> executor = new WeakReference<>(null);
    private ExecutorOrigin origin;
    private WeakReference<Class<?>> taskClass = new WeakReference<>(null);

    LastExecutor() {
        this(true);
    }

    private LastExecutor(boolean remembers) {
        this.remembers = remembers;
    }

    /** The origin of {@code pool}, or null for an executor the registry does not know (yet). */
    ExecutorOrigin origin(Object pool, ExecutorRegistry registry) {
        if (!remembers) {
            return registry.get(pool);
        }
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

    /** The next task this thread hands over is recorded whatever its class ({@link TaskSites#renew}). */
    void forgetTaskClass() {
        taskClass = new WeakReference<>(null);
    }

    /** True when the last task this thread handed over was of this class too; else remembers it. */
    boolean sameTaskClass(Class<?> type) {
        if (!remembers) {
            return false;
        }
        if (taskClass.refersTo(type)) {
            return true;
        }
        taskClass = new WeakReference<>(type);
        return false;
    }
}
