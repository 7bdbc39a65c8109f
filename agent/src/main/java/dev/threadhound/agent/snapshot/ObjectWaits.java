package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.JdkFields;

import java.lang.reflect.Field;

/**
 * Whether a virtual thread waits in {@code Object.wait} now, by its own state field: from JDK 24 on it has states of
 * its own for that wait (it unmounts); before, such a wait pins it, and it is a mounted thread whose carrier waits.
 * What the JDK's {@code Thread.getState} gives cannot tell that wait from a park or a sleep without a blocker. False
 * wherever the field or its constants are not there in this JDK.
 */
final class ObjectWaits {

    private static final Class<?> VIRTUAL_THREAD = JdkFields.type("java.lang.VirtualThread");
    private static final Field STATE = JdkFields.field(VIRTUAL_THREAD, "state");
    private static final int SUSPENDED = constant("SUSPENDED", 0);
    /** JDK 24 on: on its way to the wait, and in it. */
    private static final int[] WAITS = {constant("WAITING", -1), constant("WAIT", -1), constant("TIMED_WAITING", -1),
            constant("TIMED_WAIT", -1)};
    /** Before JDK 24: mounted, the carrier in the wait. */
    private static final int RUNNING = WAITS[1] < 0 ? constant("RUNNING", -1) : -1;

    private ObjectWaits() {
    }

    /** Whether {@code virtual}, found in {@code state} (waiting or timed waiting), waits in {@code Object.wait}. */
    static boolean inObjectWait(Thread virtual, Thread.State state) {
        if (STATE == null || (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING)) {
            return false;
        }
        int s;
        try {
            s = STATE.getInt(virtual) & ~SUSPENDED;
        } catch (IllegalAccessException | IllegalArgumentException e) {
            return false;
        }
        if (s == RUNNING) {
            return true;
        }
        for (int wait : WAITS) {
            if (s == wait && wait >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int constant(String name, int absent) {
        Field f = JdkFields.field(VIRTUAL_THREAD, name);
        try {
            return f == null ? absent : f.getInt(null);
        } catch (IllegalAccessException | IllegalArgumentException e) {
            return absent;
        }
    }
}
