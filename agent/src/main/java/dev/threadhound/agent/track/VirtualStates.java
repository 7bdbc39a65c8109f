package dev.threadhound.agent.track;

import java.lang.reflect.Field;

/**
 * What a virtual thread is doing as it unmounts, by its own state field: from JDK 24 on a wait in {@code Object.wait}
 * unmounts it in states of its own, which nothing else the JDK says tells from a park without a blocker. False
 * wherever the field or those states are not there (before JDK 24 such a wait pins the thread and never unmounts it).
 */
final class VirtualStates {

    private static final Class<?> VIRTUAL_THREAD = JdkFields.type("java.lang.VirtualThread");
    private static final Field STATE = JdkFields.field(VIRTUAL_THREAD, "state");
    private static final int WAITING = constant("WAITING");
    private static final int TIMED_WAITING = constant("TIMED_WAITING");

    private VirtualStates() {
    }

    /** Whether {@code virtual}, unmounting, is beginning a wait in {@code Object.wait}. */
    static boolean waitingInObjectWait(Thread virtual) {
        if (STATE == null || WAITING < 0) {
            return false;
        }
        try {
            int s = STATE.getInt(virtual);
            return s == WAITING || s == TIMED_WAITING;
        } catch (IllegalAccessException | IllegalArgumentException e) {
            return false;
        }
    }

    private static int constant(String name) {
        Field f = JdkFields.field(VIRTUAL_THREAD, name);
        try {
            return f == null ? -1 : f.getInt(null);
        } catch (IllegalAccessException | IllegalArgumentException e) {
            return -1;
        }
    }
}
