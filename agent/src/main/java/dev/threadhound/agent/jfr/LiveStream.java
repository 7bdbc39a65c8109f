package dev.threadhound.agent.jfr;

import dev.threadhound.source.jfr.ContentionEvents;
import dev.threadhound.source.jfr.ContentionListener;
import dev.threadhound.source.jfr.ContentionWindow;
import jdk.jfr.consumer.RecordingStream;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The {@code RecordingStream} and the thread that drains it. Its cost is bounded on every side: JFR records only
 * waits over the threshold; the stream keeps at most {@link #MAX_AGE} / {@link #MAX_SIZE} of unread data, so a slow
 * consumer loses old events rather than growing; handlers aggregate into a fixed-size window on the stream's own
 * thread (no queue), and walk at most {@link ContentionEvents#LIVE_STACKS_PER_SECOND} stacks a second.
 */
final class LiveStream implements AutoCloseable {

    static final Duration MAX_AGE = Duration.ofSeconds(10);
    static final long MAX_SIZE = 16L * 1024 * 1024;
    static final String THREAD_NAME = "threadhound-jfr";

    private final RecordingStream stream;

    private LiveStream(RecordingStream stream) {
        this.stream = stream;
    }

    static LiveStream open(Duration threshold, ContentionWindow window, ContentionListener listener, Consumer<String> log,
                           Consumer<Thread> drainedBy) {
        RecordingStream stream = new RecordingStream();
        try {
            for (String event : ContentionEvents.names()) {
                stream.enable(event).withThreshold(threshold).withStackTrace();
            }
            stream.setMaxAge(MAX_AGE);
            stream.setMaxSize(MAX_SIZE);
            // Unordered: sorting by time costs memory and latency; the window takes events in any order.
            stream.setOrdered(false);
            ContentionEvents.subscribe(stream, window, listener, ContentionEvents.LIVE_STACKS_PER_SECOND);
            AtomicBoolean said = new AtomicBoolean();
            stream.onError(e -> {
                if (said.compareAndSet(false, true)) {
                    log.accept("a JFR event could not be handled (" + e + "); such events are skipped");
                }
            });
        } catch (RuntimeException | LinkageError e) {
            stream.close();
            throw e;
        }
        // start() on a thread of our own (not startAsync) so that it carries our prefix and is never reported.
        Thread drain = new Thread(() -> {
            try {
                stream.start();
            } catch (Throwable t) {
                log.accept("the JFR stream stopped (" + t + "); contention and pinning are no longer recorded");
            }
        }, THREAD_NAME);
        drain.setDaemon(true);
        drain.start();
        drainedBy.accept(drain);
        return new LiveStream(stream);
    }

    @Override
    public void close() {
        stream.close();
    }
}
