package dev.threadhound.source.jfr;

import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a wait happened, as a person would name it: the first frames outside the JDK's locking and scheduling
 * internals ({@code java.util.concurrent}, {@code jdk.internal}, {@code Thread}, {@code VirtualThread}), so a
 * {@code ReentrantLock.lock()} wait is attributed to the application method that called it, followed by its
 * nearest callers outside those internals.
 */
final class JfrSites {

    /** Frames kept per site: enough to tell two callers of one method apart. */
    static final int DEPTH = 3;

    private JfrSites() {
    }

    static List<String> site(RecordedStackTrace stack) {
        if (stack == null) {
            return List.of();
        }
        List<RecordedFrame> frames = stack.getFrames();
        List<String> out = new ArrayList<>(DEPTH);
        for (RecordedFrame f : frames) {
            if (out.size() == DEPTH) {
                break;
            }
            if (shown(f) && !internal(f)) {
                out.add(frame(f));
            }
        }
        if (out.isEmpty()) {
            // Only JDK frames: the top ones are still the best hint.
            frames.stream().filter(JfrSites::shown).limit(DEPTH).forEach(f -> out.add(frame(f)));
        }
        return out;
    }

    /** Lambda and other hidden classes have made-up names that differ from run to run: they name nothing. */
    private static boolean shown(RecordedFrame f) {
        return f.isJavaFrame() && f.getMethod() != null && !f.getMethod().isHidden();
    }

    static final String JETTY_RUNNER = "org.eclipse.jetty.util.thread.QueuedThreadPool$Runner";
    static final String JETTY_RESERVED = "org.eclipse.jetty.util.thread.ReservedThreadExecutor$ReservedThread";

    /**
     * A pool worker waiting for its next task is idle by design, not contending; one leaving its pool waits for the
     * pool's own lock, which every worker of a pool shut down takes at once: a burst the application cannot act on.
     * Jetty's pool waits the same way: its idle threads poll the job queue, and its reserved threads each wait on a
     * semaphore of their own for a job to be handed to them (each idle spell was one "contended" wait).
     */
    static boolean poolHousekeeping(RecordedStackTrace stack) {
        if (stack == null) {
            return false;
        }
        for (RecordedFrame f : stack.getFrames()) {
            RecordedMethod m = f.getMethod();
            if (m == null) {
                continue;
            }
            String type = m.getType().getName();
            String name = m.getName();
            boolean pool = type.equals("java.util.concurrent.ThreadPoolExecutor")
                    && (name.equals("getTask") || name.equals("processWorkerExit"));
            boolean forkJoin = type.equals("java.util.concurrent.ForkJoinPool")
                    && (name.equals("awaitWork") || name.equals("deregisterWorker"));
            boolean jetty = type.equals(JETTY_RUNNER) && name.equals("idleJobPoll")
                    || type.equals(JETTY_RESERVED) && name.equals("waitForTask");
            if (pool || forkJoin || jetty) {
                return true;
            }
        }
        return false;
    }

    static boolean internal(RecordedFrame frame) {
        RecordedMethod m = frame.getMethod();
        if (m == null) {
            return true;
        }
        String type = m.getType().getName();
        return type.startsWith("java.util.concurrent.")
                || type.startsWith("jdk.internal.")
                || type.startsWith("sun.misc.")
                || type.startsWith("java.lang.invoke.")
                || type.startsWith("java.lang.reflect.")
                || type.startsWith("java.lang.VirtualThread")
                || type.equals("java.lang.Thread")
                || type.equals("java.lang.Object");
    }

    /** {@code StackTraceElement.toString()} form; JFR has no source file name, so it is derived from the class. */
    static String frame(RecordedFrame frame) {
        RecordedMethod m = frame.getMethod();
        RecordedClass type = m.getType();
        String className = type.getName();
        StringBuilder s = new StringBuilder();
        String module = module(type);
        if (module != null) {
            s.append(module).append('/');
        }
        s.append(className).append('.').append(m.getName()).append('(');
        if (Modifier.isNative(m.getModifiers())) {
            s.append("Native Method");
        } else if (m.isHidden() || frame.getLineNumber() < 0) {
            s.append("Unknown Source");
        } else {
            s.append(sourceFile(className)).append(':').append(frame.getLineNumber());
        }
        return s.append(')').toString();
    }

    private static String sourceFile(String className) {
        String outer = className.substring(className.lastIndexOf('.') + 1);
        int dollar = outer.indexOf('$');
        return (dollar > 0 ? outer.substring(0, dollar) : outer) + ".java";
    }

    /** The JDK's modules, shown as StackTraceElement shows them; application classes get no prefix. */
    private static String module(RecordedClass type) {
        try {
            Object pkg = type.getValue("package");
            if (pkg == null) {
                return null;
            }
            String name = type.getString("package.module.name");
            return name != null && (name.startsWith("java.") || name.startsWith("jdk.")) ? name : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
