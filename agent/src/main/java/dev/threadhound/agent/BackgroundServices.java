package dev.threadhound.agent;

import dev.threadhound.agent.jfr.JfrStreamer;
import dev.threadhound.agent.jfr.WindowEvidence;
import dev.threadhound.agent.loop.DetectionLoop;
import dev.threadhound.agent.options.AgentOptions;
import dev.threadhound.agent.prove.Proofs;
import dev.threadhound.agent.sink.HttpEndpoint;
import dev.threadhound.agent.sink.LockWaitListener;
import dev.threadhound.agent.sink.MetricsSink;
import dev.threadhound.agent.sink.ReportFile;
import dev.threadhound.agent.snapshot.SnapshotBuilder;
import dev.threadhound.agent.track.ExecutorNames;
import dev.threadhound.agent.track.EarlyTimings;
import dev.threadhound.agent.track.RecordingProbe;
import dev.threadhound.agent.track.TaskTimings;
import dev.threadhound.source.jfr.ContentionListener;
import dev.threadhound.source.jfr.ContentionWindow;

/**
 * What the agent starts after premain has returned, on its {@code threadhound-start} thread: the metrics registry
 * and HTTP endpoint at once, the JFR stream and the JSON warm-up (for the endpoint and the report at exit) with the
 * first detector cycle, the MBean {@value #MBEAN_AFTER_MS} ms after start. None of them may delay the application's
 * start, and each one that cannot start says so once and leaves the others running.
 */
final class BackgroundServices {

    /**
     * The MBean starts the platform MBean server, about 80 ms of CPU (150 on JDK 25): a test JVM that lives a second
     * would pay it for nothing, since its leak check reads the agent's snapshots through the bridge
     * ({@code ThreadhoundHooks.snapshotBytes}). Tools from outside (JConsole, {@code attach <pid> prove}) find it
     * a few seconds in.
     */
    static final long MBEAN_AFTER_MS = 3_000;

    private BackgroundServices() {
    }

    /** @param started {@link System#nanoTime()} when the agent started, which the waits count from */
    static void start(AgentOptions options, SnapshotBuilder builder, DetectionLoop loop, RecordingProbe probe,
                      EarlyTimings early, Proofs proofs, long started) {
        StartupTrace trace = StartupTrace.begin();
        MetricsSink metrics = null;
        if (options.port() != 0) {
            metrics = metrics(loop, probe, early);
            StartupTrace.done(trace, "metrics registry");
            // /threads takes a snapshot of its own with a request's stack budget, never on the scrape path.
            HttpEndpoint endpoint =
                    HttpEndpoint.start(options.host(), options.port(), metrics, builder::buildForRequest, System.err);
            // the JDK server's thread waits for connections in native code, and the JVM waits up to 300 ms at its
            // halt for such threads: the endpoint ends once the application's shutdown hooks have, and not before,
            // so that it serves the finding of a hook that holds the exit
            if (endpoint != null) {
                AfterShutdownHooks.run("threadhound-http-stop", endpoint::close);
            }
            StartupTrace.done(trace, "endpoint");
        }
        // The JFR stream, the costliest part (0.2 s of CPU and JFR's own threads), waits for the first detector
        // cycle: nothing it records matters before then, and the application's first second stays its own.
        if (!sleepUntil(started, loop.firstCycleAfterMillis())) {
            return;
        }
        if (options.jfr()) {
            trace = StartupTrace.begin();
            startJfr(options, builder, loop, metrics);
            StartupTrace.done(trace, "JFR stream");
        }
        if (metrics != null || options.report() != null) {
            trace = StartupTrace.begin();
            try {
                ReportFile.warmUp();
                if (metrics != null) {
                    HttpEndpoint.warmUp(metrics);
                }
            } catch (RuntimeException | LinkageError e) {
                // only the speed of the first request or of the exit is at stake; they say what is wrong if they fail too
            }
            StartupTrace.done(trace, "JSON warm-up");
        }
        if (sleepUntil(started, MBEAN_AFTER_MS)) {
            trace = StartupTrace.begin();
            try {
                dev.threadhound.agent.jmx.Agent.register(builder, loop, proofs);
            } catch (Exception | LinkageError e) {
                Log.line("cannot register the MBean " + dev.threadhound.agent.jmx.Agent.NAME + ": " + e);
            }
            StartupTrace.done(trace, "MBean");
        }
    }

    /** Sleeps until {@code millis} after {@code startedNanos}; false when interrupted. */
    private static boolean sleepUntil(long startedNanos, long millis) {
        long left = millis - (System.nanoTime() - startedNanos) / 1_000_000;
        try {
            if (left > 0) {
                Thread.sleep(left);
            }
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /**
     * The meters /metrics serves: fed by every detector cycle, and by the probe's sampled task timings, including
     * those taken before the registry was up.
     */
    private static MetricsSink metrics(DetectionLoop loop, RecordingProbe probe, EarlyTimings early) {
        MetricsSink sink = new MetricsSink();
        loop.addSink(sink);
        loop.cycleCost(sink.cycles());
        TaskTimings timings = (executor, waitNanos, runNanos) ->
                sink.taskTimings().taskTimed(ExecutorNames.name(executor), waitNanos, runNanos);
        early.handOver(timings);
        probe.timings(timings);
        return sink;
    }

    /** Contention and pinning from a live JFR stream (0.3-0.5 s to open), into the snapshots and the lock meters. */
    private static void startJfr(AgentOptions options, SnapshotBuilder builder, DetectionLoop loop, MetricsSink metrics) {
        ContentionWindow window = ContentionWindow.lastMinute();
        LockWaitListener meters = metrics != null ? metrics.lockWaits() : LockWaitListener.NONE;
        ContentionListener listener = new ContentionListener() {
            @Override
            public void waited(String lock, String kind, long nanos) {
                meters.lockWaited(lock, kind, nanos);
            }

            @Override
            public void pinned(long nanos) {
                meters.virtualThreadPinned(nanos);
            }
        };
        // the stream's thread works all along: its CPU is the agent's, on the same budget as the cycles
        if (JfrStreamer.start(options.contentionThreshold(), window, listener, Log::line, loop::budgetAlso)
                != JfrStreamer.NONE) {
            builder.lockEvidence(new WindowEvidence(window));
        }
    }
}
