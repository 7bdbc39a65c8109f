package dev.threadhound.agent.snapshot;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which monitor a virtual thread blocked in {@code synchronized} waits for, and which monitors it holds: from JDK 24
 * such a thread unmounts, and the JDK's {@code ThreadMXBean} says nothing of virtual threads. JDK 25 takes the same
 * look for its own thread dumps ({@code jcmd Thread.dump_to_file}): {@code jdk.internal.vm.ThreadSnapshot}, internal
 * and read here by reflection ({@code jdk.internal.vm} is opened to the agent alone). Where it is not there (JDK 17 to
 * 24) or not readable, {@link #available()} is false and nothing is looked at. Each look stops the one thread for a
 * moment, as taking its stack does.
 */
final class BlockedMonitors {

    /** What one look found. */
    record Look(Object blockedOn, List<Object> owned) {
    }

    private final Method of;
    private final Method blockedOn;
    private final Method stackTrace;
    private final Method ownedMonitorsAt;

    private BlockedMonitors(Method of, Method blockedOn, Method stackTrace, Method ownedMonitorsAt) {
        this.of = of;
        this.blockedOn = blockedOn;
        this.stackTrace = stackTrace;
        this.ownedMonitorsAt = ownedMonitorsAt;
    }

    static BlockedMonitors create() {
        try {
            Class<?> snapshot = Class.forName("jdk.internal.vm.ThreadSnapshot");
            Method of = snapshot.getDeclaredMethod("of", Thread.class);
            Method blockedOn = snapshot.getDeclaredMethod("blockedOn");
            Method stackTrace = snapshot.getDeclaredMethod("stackTrace");
            Method ownedMonitorsAt = snapshot.getDeclaredMethod("ownedMonitorsAt", int.class);
            for (Method m : List.of(of, blockedOn, stackTrace, ownedMonitorsAt)) {
                m.setAccessible(true);
            }
            return new BlockedMonitors(of, blockedOn, stackTrace, ownedMonitorsAt);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return new BlockedMonitors(null, null, null, null);
        }
    }

    boolean available() {
        return of != null;
    }

    /** The monitor {@code thread} is blocked on and those it holds; null when it cannot be told (or it moved on). */
    Look look(Thread thread) {
        if (of == null) {
            return null;
        }
        try {
            Object snapshot = of.invoke(null, thread);
            if (snapshot == null) {
                return null;
            }
            Object monitor = blockedOn.invoke(snapshot);
            if (monitor == null) {
                return null;
            }
            int depth = ((StackTraceElement[]) stackTrace.invoke(snapshot)).length;
            List<Object> owned = new ArrayList<>();
            for (int i = 0; i < depth; i++) {
                try (Stream<?> held = (Stream<?>) ownedMonitorsAt.invoke(snapshot, i)) {
                    held.forEach(owned::add);
                }
            }
            return new Look(monitor, owned);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
