package dev.threadhound.agent.track;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Capturing and trimming call sites: a walk of the caller's top frames only ({@link StackWalker}, at most
 * {@link #DEPTH} frames made into elements), a few microseconds however deep the stack is. Only on rare paths:
 * executor creation, a task class's first submission. A thread's start, which is not rare, keeps the stack as the
 * JVM captures it for an exception and has it trimmed the same way when first asked ({@link ThreadOrigin#site()}).
 */
public final class Sites {

    /**
     * Enough frames to reach the application's own code through the JDK's executor layers and a library's own: one
     * MongoDB client per call made its maintenance executor 25 frames below the application's call, an Infinispan
     * cache manager its expiration executor 49 frames below (its component registry starts components
     * recursively).
     */
    static final int DEPTH = 64;

    /** The frames a capture starts in: the probe's own, and the bridge the advice calls. */
    private static final String PROBE_PACKAGE = "dev.threadhound.agent.track.";
    private static final String BRIDGE_PACKAGE = "dev.threadhound.agent.bootstrap.";
    /** The bridge as the agent jar names it: renamed into java.lang so that java.base can see it. */
    private static final String RENAMED_BRIDGE = "java.lang.Threadhound";

    private Sites() {
    }

    private static final StackWalker WALKER = StackWalker.getInstance();

    /** The caller's stack without the agent's own frames and without {@code skipThrough} frames at the top. */
    static StackTraceElement[] capture(String... skipThrough) {
        return WALKER.walk(frames -> frames
                .dropWhile(frame -> skipped(frame.getClassName(), frame.getMethodName(), skipThrough))
                .limit(DEPTH)
                .map(StackWalker.StackFrame::toStackTraceElement)
                .toArray(StackTraceElement[]::new));
    }

    /**
     * What {@link #capture} keeps of a stack the JVM captured whole ({@code new Throwable()} where the site was, made
     * into elements later): the same frames.
     */
    static StackTraceElement[] trim(StackTraceElement[] stack, String... skipThrough) {
        int from = 0;
        while (from < stack.length && skipped(stack[from].getClassName(), stack[from].getMethodName(), skipThrough)) {
            from++;
        }
        return Arrays.copyOfRange(stack, from, Math.min(stack.length, from + DEPTH));
    }

    private static boolean skipped(String cls, String method, String[] methods) {
        if (cls.startsWith(PROBE_PACKAGE) || bridge(cls)) {
            return true;
        }
        for (String m : methods) {
            if (m.length() == cls.length() + 1 + method.length() && m.startsWith(cls)
                    && m.endsWith(method) && m.charAt(cls.length()) == '.') {
                return true;
            }
        }
        return false;
    }

    /** A frame of the bridge between the instrumented JDK classes and the agent, under either of its names. */
    static boolean bridge(String className) {
        return className.startsWith(RENAMED_BRIDGE) || className.startsWith(BRIDGE_PACKAGE);
    }

    public static List<String> frames(StackTraceElement[] site) {
        if (site == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(site.length);
        for (StackTraceElement e : site) {
            out.add(e.toString());
        }
        return out;
    }
}
