package dev.threadhound.source.jfr;

import jdk.jfr.consumer.EventStream;

import java.util.List;

/** The JFR events threadhound reads for contention and pinning, and their registration on a stream. */
public final class ContentionEvents {

    public static final String MONITOR_ENTER = MonitorEnterHandler.EVENT;
    public static final String THREAD_PARK = ThreadParkHandler.EVENT;
    /** JDK 21+; on older JDKs enabling it does nothing. */
    public static final String VIRTUAL_THREAD_PINNED = VirtualThreadPinnedHandler.EVENT;

    /** Stack walks per second on a live stream; the events beyond still count (see EventBudget). */
    public static final int LIVE_STACKS_PER_SECOND = 2_000;

    private ContentionEvents() {
    }

    public static List<String> names() {
        return List.of(MONITOR_ENTER, THREAD_PARK, VIRTUAL_THREAD_PINNED);
    }

    /**
     * Registers one handler per event on {@code stream}, all feeding {@code window} and {@code listener}.
     *
     * @param stacksPerSecond stack walks per second of event time; a file can take them all
     */
    public static void subscribe(EventStream stream, ContentionWindow window, ContentionListener listener, int stacksPerSecond) {
        EventBudget waits = new EventBudget(stacksPerSecond);
        EventBudget pins = new EventBudget(stacksPerSecond);
        List<JfrHandler> handlers = List.of(
                new MonitorEnterHandler(window, listener, waits),
                new ThreadParkHandler(window, listener, waits),
                new VirtualThreadPinnedHandler(window, listener, pins));
        for (JfrHandler h : handlers) {
            stream.onEvent(h.eventName(), h);
        }
    }
}
