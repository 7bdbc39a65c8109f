package dev.threadhound.source.jfr;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

import java.util.List;

/**
 * {@code jdk.VirtualThreadPinned} (JDK 21+): a virtual thread blocked while it could not leave its carrier. On JDK
 * 21-23 holding a monitor pins; from JDK 24 a native frame or a class initializer on the stack still does.
 */
final class VirtualThreadPinnedHandler implements JfrHandler {

    static final String EVENT = "jdk.VirtualThreadPinned";

    private final ContentionWindow window;
    private final ContentionListener listener;
    private final EventBudget budget;

    VirtualThreadPinnedHandler(ContentionWindow window, ContentionListener listener, EventBudget budget) {
        this.window = window;
        this.listener = listener;
        this.budget = budget;
    }

    @Override
    public String eventName() {
        return EVENT;
    }

    @Override
    public void accept(RecordedEvent event) {
        long end = event.getEndTime().toEpochMilli();
        long nanos = event.getDuration().toNanos();
        RecordedThread thread = event.getThread();
        // Over budget the pinning still counts, under the "other" site: a storm must not cost a stack walk each.
        List<String> site = budget.take(end) ? JfrSites.site(event.getStackTrace()) : List.of(ContentionWindow.OTHER);
        window.pinned(site, thread == null ? -1 : thread.getJavaThreadId(), end, nanos);
        listener.pinned(nanos);
    }
}
