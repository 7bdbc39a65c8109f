package dev.threadhound.agent.jfr;

import dev.threadhound.source.jfr.ContentionListener;
import dev.threadhound.source.jfr.ContentionWindow;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Starts the live JFR stream, or says in one line why it cannot and steps aside: detection from instrumentation goes
 * on without it. No JFR type appears here, so this class loads even where the {@code jdk.jfr} module is missing.
 */
public final class JfrStreamer {

    /** What {@link #start} returns when there is no stream. */
    public static final AutoCloseable NONE = () -> { };

    private JfrStreamer() {
    }

    /**
     * @param threshold shortest monitor enter, park or pinning that is recorded (the agent's contentionThreshold)
     * @param log       where the one line goes when JFR is unavailable or the stream stops
     * @param drainedBy told the thread that reads the stream, once it has started
     * @return closes the stream; {@link #NONE} when JFR is unavailable
     */
    public static AutoCloseable start(Duration threshold, ContentionWindow window, ContentionListener listener,
                                      Consumer<String> log, Consumer<Thread> drainedBy) {
        try {
            return LiveStream.open(threshold, window, listener, log, drainedBy);
        } catch (LinkageError | RuntimeException e) {
            if (shuttingDown(e)) {
                return NONE; // the application ended before the stream was up: nothing is missing
            }
            log.accept("JFR is not available (" + e + "); lock contention and pinned virtual threads are not recorded,"
                    + " the other detections go on");
            return NONE;
        }
    }

    private static boolean shuttingDown(Throwable e) {
        return e instanceof IllegalStateException && String.valueOf(e.getMessage()).contains("Shutdown in progress");
    }
}
