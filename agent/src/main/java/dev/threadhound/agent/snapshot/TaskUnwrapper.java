package dev.threadhound.agent.snapshot;

import java.lang.reflect.Field;
import java.util.concurrent.FutureTask;

/**
 * Finds the caller's own work inside the JDK's wrappers (a FutureTask around a RunnableAdapter around a lambda),
 * so a stuck task is named by the code that submitted it. Needs java.util.concurrent opened to the agent, which
 * {@code Agent} does through Instrumentation; without it, the wrapper itself is named.
 */
final class TaskUnwrapper {

    private final Field callable = JdkFields.field(FutureTask.class, "callable");
    private final Field adapted = JdkFields.field(adapterClass(), "task");
    private final Class<?> adapter = adapterClass();

    Class<?> workClass(Object task) {
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
        return inner.getClass();
    }

    private static Class<?> adapterClass() {
        return JdkFields.type("java.util.concurrent.Executors$RunnableAdapter");
    }
}
