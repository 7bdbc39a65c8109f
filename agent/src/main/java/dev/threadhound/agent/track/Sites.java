package dev.threadhound.agent.track;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Capturing and trimming call sites. Costs about a microsecond per capture: only on rare paths. */
public final class Sites {

    /** Enough frames to reach the application's own code through the JDK's executor layers. */
    static final int DEPTH = 24;

    /** The frames a capture starts in: the probe's own, and the bridge the advice calls. */
    private static final String PROBE_PACKAGE = "dev.threadhound.agent.track.";
    private static final String BRIDGE_PACKAGE = "dev.threadhound.agent.bootstrap.";

    private Sites() {
    }

    /** The caller's stack without the agent's own frames and without {@code skipUntil} frames at the top. */
    static StackTraceElement[] capture(String... skipThrough) {
        StackTraceElement[] raw = new Throwable().getStackTrace();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            String cls = raw[i].getClassName();
            if (cls.startsWith(PROBE_PACKAGE) || cls.startsWith(BRIDGE_PACKAGE) || matches(raw[i], skipThrough)) {
                start = i + 1;
            }
        }
        return Arrays.copyOfRange(raw, start, Math.min(raw.length, start + DEPTH));
    }

    private static boolean matches(StackTraceElement frame, String[] methods) {
        String qualified = frame.getClassName() + "." + frame.getMethodName();
        for (String m : methods) {
            if (qualified.equals(m)) {
                return true;
            }
        }
        return false;
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
