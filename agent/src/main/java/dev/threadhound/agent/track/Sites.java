package dev.threadhound.agent.track;

import java.util.ArrayList;
import java.util.List;

/**
 * Capturing and trimming call sites: a walk of the caller's top frames only ({@link StackWalker}, at most
 * {@link #DEPTH} frames made into elements), a few microseconds however deep the stack is. Only on rare paths:
 * thread start, executor creation, a task class's first submission.
 */
public final class Sites {

    /** Enough frames to reach the application's own code through the JDK's executor layers. */
    static final int DEPTH = 24;

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
                .dropWhile(frame -> skipped(frame, skipThrough))
                .limit(DEPTH)
                .map(StackWalker.StackFrame::toStackTraceElement)
                .toArray(StackTraceElement[]::new));
    }

    private static boolean skipped(StackWalker.StackFrame frame, String[] methods) {
        String cls = frame.getClassName();
        if (cls.startsWith(PROBE_PACKAGE) || bridge(cls)) {
            return true;
        }
        for (String m : methods) {
            if (m.length() == cls.length() + 1 + frame.getMethodName().length() && m.startsWith(cls)
                    && m.endsWith(frame.getMethodName()) && m.charAt(cls.length()) == '.') {
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
