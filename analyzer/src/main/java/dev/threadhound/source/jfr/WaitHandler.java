package dev.threadhound.source.jfr;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the monitor and park handlers share: skipping our own threads, the budget, and the site of a wait. */
abstract class WaitHandler implements JfrHandler {

    private static final int REMEMBERED_SITES = 256;

    private final ContentionWindow window;
    private final ContentionListener listener;
    private final EventBudget budget;
    /** Last site per lock, for events over budget. Bounded, insertion-ordered: the oldest lock is forgotten. */
    private final Map<String, List<String>> lastSite = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
            return size() > REMEMBERED_SITES;
        }
    };

    WaitHandler(ContentionWindow window, ContentionListener listener, EventBudget budget) {
        this.window = window;
        this.listener = listener;
        this.budget = budget;
    }

    /** The lock's readable class name, or null when this event is not contention. */
    abstract String lock(RecordedEvent event);

    abstract String kind();

    @Override
    public final void accept(RecordedEvent event) {
        if (ownThread(event.getThread())) {
            return;
        }
        String lock = lock(event);
        if (lock == null) {
            return;
        }
        long end = event.getEndTime().toEpochMilli();
        List<String> site;
        if (budget.take(end)) {
            site = JfrSites.site(event.getStackTrace());
            lastSite.put(lock, site);
        } else {
            site = lastSite.getOrDefault(lock, List.of());
        }
        long nanos = event.getDuration().toNanos();
        RecordedThread thread = event.getThread();
        window.waited(lock, kind(), site, thread == null ? -1 : thread.getJavaThreadId(), end, nanos);
        listener.waited(lock, kind(), nanos);
    }

    static boolean ownThread(RecordedThread thread) {
        String name = thread == null ? null : thread.getJavaName();
        return name != null && name.startsWith("threadhound-");
    }
}
