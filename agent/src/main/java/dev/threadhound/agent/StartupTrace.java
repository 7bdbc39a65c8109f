package dev.threadhound.agent;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Where the agent's start-up time goes, phase by phase, for the start-up benchmark: with
 * {@code -Dthreadhound.trace=startup} each phase prints one line {@code threadhound: start-up <phase>: <wall> ms
 * wall, <cpu> ms cpu (<thread>)} on stderr. Off (the default) it costs one property read per JVM. Thread CPU time
 * comes from the JMX thread bean, which the trace therefore loads first, as a phase of its own
 * ({@code thread bean}); without the trace the agent loads it in its first detector cycle.
 */
public final class StartupTrace {

    static final boolean ON = "startup".equals(System.getProperty("threadhound.trace"));

    private static ThreadMXBean threads;

    private long wallNanos;
    private long cpuNanos;

    private StartupTrace() {
        this.wallNanos = System.nanoTime();
        this.cpuNanos = threads.getCurrentThreadCpuTime();
    }

    /** Starts timing on this thread; null (and nothing costs) when tracing is off. */
    public static StartupTrace begin() {
        if (!ON) {
            return null;
        }
        synchronized (StartupTrace.class) {
            if (threads == null) {
                long wall = System.nanoTime();
                threads = ManagementFactory.getThreadMXBean();
                Log.line(String.format("start-up thread bean: %.1f ms wall", (System.nanoTime() - wall) / 1e6));
            }
        }
        return new StartupTrace();
    }

    /** Ends the phase that began at the last {@code done} (or {@link #begin}) on this trace and starts the next. */
    public static void done(StartupTrace trace, String phase) {
        if (trace != null) {
            long wall = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            Log.line(String.format("start-up %s: %.1f ms wall, %.1f ms cpu (%s)", phase,
                    (wall - trace.wallNanos) / 1e6, (cpu - trace.cpuNanos) / 1e6, Thread.currentThread().getName()));
            trace.wallNanos = System.nanoTime();
            trace.cpuNanos = threads.getCurrentThreadCpuTime();
        }
    }

    /** The launcher's own part, before any class of the agent's loader ran: wall time only. */
    static void launcher(long launchedAtNanos) {
        if (ON) {
            Log.line(String.format("start-up launcher: %.1f ms wall", (System.nanoTime() - launchedAtNanos) / 1e6));
        }
    }
}
