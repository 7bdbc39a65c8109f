package dev.threadhound.agent.track;

import java.lang.reflect.Method;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The virtual threads the JDK keeps track of itself (JDK 21 on), in its thread containers: the root container's, which
 * holds those started directly unless {@code -Djdk.trackAllThreads=false}, and each virtual-thread-per-task executor's
 * and structured scope's. What {@code jcmd Thread.dump_to_file} lists, walked the way it walks them. With the JDK
 * keeping them, the agent need not keep every virtual thread in a map of its own as it starts ({@link ThreadRegistry}).
 * Read by reflection ({@code jdk.internal.vm} is opened to the agent alone); where any of it is missing, or the root
 * container does not track every thread, {@link #AVAILABLE} is false and the caller keeps every thread itself.
 */
final class JdkThreadContainers {

    private static final Method ROOT = method("jdk.internal.vm.ThreadContainers", "root");
    private static final Method TRACK_ALL = method("jdk.internal.vm.ThreadContainers", "trackAllThreads");
    private static final Method THREADS = method("jdk.internal.vm.ThreadContainer", "threads");
    private static final Method CHILDREN = method("jdk.internal.vm.ThreadContainer", "children");
    /** Containers nest: a scope in a thread of an executor. Deeper than this is no design of the JDK's. */
    private static final int MAX_DEPTH = 64;

    static final boolean AVAILABLE = ROOT != null && THREADS != null && CHILDREN != null && tracksAll();

    private JdkThreadContainers() {
    }

    /** Each live virtual thread in a container, weakly consistent as the containers' own sets. */
    static void forEachVirtual(Consumer<Thread> action) {
        if (!AVAILABLE) {
            return;
        }
        try {
            walk(ROOT.invoke(null), action, 0);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a container closing under the walk: the next walk finds what this one missed
        }
    }

    @SuppressWarnings("unchecked")
    private static void walk(Object container, Consumer<Thread> action, int depth) throws ReflectiveOperationException {
        try (Stream<Thread> threads = (Stream<Thread>) THREADS.invoke(container)) {
            threads.forEach(t -> {
                if (ThreadKinds.isVirtual(t)) {
                    action.accept(t);
                }
            });
        }
        if (depth >= MAX_DEPTH) {
            return;
        }
        Object[] children;
        try (Stream<?> found = (Stream<?>) CHILDREN.invoke(container)) {
            children = found.toArray();
        }
        for (Object child : children) {
            walk(child, action, depth + 1);
        }
    }

    private static boolean tracksAll() {
        try {
            return TRACK_ALL != null && (Boolean) TRACK_ALL.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    private static Method method(String type, String name) {
        return JdkFields.method(JdkFields.type(type), name);
    }
}
