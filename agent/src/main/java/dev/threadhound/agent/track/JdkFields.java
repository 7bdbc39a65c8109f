package dev.threadhound.agent.track;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * The private fields of JDK classes the agent reads (a task inside its wrapper, a new worker's first task) and the
 * few methods it calls (the JDK's thread containers), in packages the agent opens to itself, and the task inside a
 * library's decorator ({@link TaskUnwrapper}). Where a class or member is not there in this JDK, or not open, the
 * answer is null and the caller reads nothing: never an error.
 */
public final class JdkFields {

    private JdkFields() {
    }

    /** The class, or null. */
    public static Class<?> type(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** The field made readable, or null. */
    public static Field field(Class<?> owner, String name) {
        if (owner == null) {
            return null;
        }
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The method without parameters, made callable, or null. */
    public static Method method(Class<?> owner, String name) {
        if (owner == null) {
            return null;
        }
        try {
            Method m = owner.getDeclaredMethod(name);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The field's value in {@code target}, or null. */
    public static Object get(Field f, Object target) {
        try {
            return f.get(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
