package dev.threadhound.agent;

import dev.threadhound.agent.jfr.JfrStreamer;
import dev.threadhound.agent.jfr.WindowEvidence;
import dev.threadhound.agent.loop.DetectionLoop;
import dev.threadhound.agent.options.AgentOptions;
import dev.threadhound.agent.sink.HttpEndpoint;
import dev.threadhound.agent.sink.LockWaitListener;
import dev.threadhound.agent.sink.MetricsSink;
import dev.threadhound.agent.snapshot.SnapshotBuilder;
import dev.threadhound.source.jfr.ContentionListener;
import dev.threadhound.source.jfr.ContentionWindow;

/**
 * What the agent starts after premain has returned, on its {@code threadhound-start} thread: the MBean, the HTTP
 * endpoint and the JFR stream. None of them may delay the application's start, and each one that cannot start
 * says so once and leaves the others running.
 */
final class BackgroundServices {

    private BackgroundServices() {
    }

    static void start(AgentOptions options, SnapshotBuilder builder, DetectionLoop loop, MetricsSink metrics) {
        // The MBean first: a test run in this JVM waits for it.
        try {
            dev.threadhound.agent.jmx.Agent.register(builder, loop);
        } catch (Exception | LinkageError e) {
            Log.line("cannot register the MBean " + dev.threadhound.agent.jmx.Agent.NAME + ": " + e);
        }
        if (metrics != null) {
            // /threads takes a snapshot of its own with a request's stack budget, never on the scrape path.
            HttpEndpoint.start(options.host(), options.port(), metrics, builder::buildForRequest, System.err);
        }
        startJfr(options, builder, metrics);
    }

    /** Contention and pinning from a live JFR stream (0.3-0.5 s to open), into the snapshots and the lock meters. */
    private static void startJfr(AgentOptions options, SnapshotBuilder builder, MetricsSink metrics) {
        if (!options.jfr()) {
            Log.line("jfr=off: lock contention and pinned virtual threads are not recorded, the other detections go on");
            return;
        }
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
        if (JfrStreamer.start(options.contentionThreshold(), window, listener, Log::line) != JfrStreamer.NONE) {
            builder.lockEvidence(new WindowEvidence(window));
        }
    }
}
