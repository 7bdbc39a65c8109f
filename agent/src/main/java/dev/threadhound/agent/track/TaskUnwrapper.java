package dev.threadhound.agent.track;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

/**
 * Finds the caller's own work inside the JDK's wrappers (a FutureTask around a RunnableAdapter around a lambda),
 * so a stuck task is named by the code that submitted it. Needs java.util.concurrent opened to the agent, which
 * {@code Agent} does through Instrumentation; without it, the wrapper itself is named.
 */
public final class TaskUnwrapper {

    private static final int DECORATORS_OPENED = 3;

    private final Field callable = JdkFields.field(FutureTask.class, "callable");
    private final Field runner = JdkFields.field(FutureTask.class, "runner");
    private final Field adapted = JdkFields.field(adapterClass(), "task");
    private final Class<?> adapter = adapterClass();

    public Class<?> workClass(Object task) {
        return unwrapped(task).getClass();
    }

    /** The thread running a {@code FutureTask} now, or null (not running, not a FutureTask, or not readable). */
    Thread runner(Object task) {
        return task instanceof FutureTask && runner != null && JdkFields.get(runner, task) instanceof Thread t ? t : null;
    }

    /**
     * The work inside a library's decorator too (a class holding the task it runs in its one {@code Runnable} or
     * {@code Callable} field, several levels deep at most): periodic tasks are told apart by it, as Hazelcast runs
     * each of its member's periodic jobs (partition checks, metrics, heartbeats) in one decorator class, scheduled
     * from one place, and they are as many jobs as there are inner classes, not a pile of one.
     */
    public Class<?> innerWorkClass(Object task) {
        Object inner = unwrapped(task);
        for (int depth = 0; depth < DECORATORS_OPENED; depth++) {
            Object delegate = delegateOf(inner);
            if (delegate == null) {
                break;
            }
            inner = delegate;
        }
        return inner.getClass();
    }

    /**
     * Whether a task of {@code type} is its own work for {@link #innerWorkClass}, whatever it holds: no wrapper of the
     * JDK's nor a decorator to look into.
     */
    boolean opensNothing(Class<?> type) {
        return !FutureTask.class.isAssignableFrom(type) && (adapter == null || !adapter.isAssignableFrom(type))
                && DELEGATE.get(type) == null;
    }

    /** The task object {@link #workClass} names. */
    private Object unwrapped(Object task) {
        Object inner = task;
        if (inner instanceof FutureTask && callable != null) {
            Object c = JdkFields.get(callable, inner);
            if (c != null) {
                inner = c;
            }
        }
        if (adapter != null && adapter.isInstance(inner) && adapted != null) {
            Object r = JdkFields.get(adapted, inner);
            if (r != null) {
                inner = r;
            }
        }
        return inner;
    }

    private static Object delegateOf(Object decorator) {
        Field field = DELEGATE.get(decorator.getClass());
        return field == null ? null : JdkFields.get(field, decorator);
    }

    /** A class's one instance field of a task type, readable; null when it has none, several, or is the JDK's. */
    private static final ClassValue<Field> DELEGATE = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            if (type.getName().startsWith("java.") || type.isSynthetic() || type.isHidden()) {
                return null;
            }
            Field found = null;
            for (Field f : type.getDeclaredFields()) {
                Class<?> held = f.getType();
                // an inner class's reference to its outer instance (this$0) is no delegate, even when that is a task
                if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()
                        && (Runnable.class.isAssignableFrom(held) || Callable.class.isAssignableFrom(held))) {
                    if (found != null) {
                        return null;
                    }
                    found = f;
                }
            }
            return found == null ? null : JdkFields.field(type, found.getName());
        }
    };

    private static Class<?> adapterClass() {
        return JdkFields.type("java.util.concurrent.Executors$RunnableAdapter");
    }
}
