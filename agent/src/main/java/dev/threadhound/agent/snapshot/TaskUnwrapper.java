package dev.threadhound.agent.snapshot;

import java.lang.reflect.Field;
import java.util.concurrent.FutureTask;

/**
 * Finds the caller's own work inside the JDK's wrappers (a FutureTask around a RunnableAdapter around a lambda),
 * so a stuck task is named by the code that submitted it. Needs java.util.concurrent opened to the agent, which
 * {@code Agent} does through Instrumentation; without it, the wrapper itself is named.
 */
final class TaskUnwrapper {

    private final Field callable = field(FutureTask.class, "callable");
    private final Field adapted = field(className("java.util.concurrent.Executors$RunnableAdapter"), "task");
    private final Class<?> adapter = className("java.util.concurrent.Executors$RunnableAdapter");

    Class<?> workClass(Object task) {
        Object inner = task;
        if (inner instanceof FutureTask && callable != null) {
            Object c = get(callable, inner);
            if (c != null) {
                inner = c;
            }
        }
        if (adapter != null && adapter.isInstance(inner) && adapted != null) {
            Object r = get(adapted, inner);
            if (r != null) {
                inner = r;
            }
        }
        return inner.getClass();
    }

    private static Object get(Field f, Object target) {
        try {
            return f.get(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Field field(Class<?> type, String name) {
        if (type == null) {
            return null;
        }
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Class<?> className(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }
}
