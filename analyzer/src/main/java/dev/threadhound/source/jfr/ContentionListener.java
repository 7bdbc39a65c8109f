package dev.threadhound.source.jfr;

/**
 * Told of every wait and every pinning the handlers keep, as it happens, for cumulative counters
 * ({@code threadhound_lock_wait_seconds_total{lock,kind}}, {@code threadhound_virtual_thread_pinned_total}).
 * Called on the JFR stream's thread: implementations must be quick and must not block.
 */
public interface ContentionListener {

    ContentionListener NONE = new ContentionListener() {
        @Override
        public void waited(String lock, String kind, long nanos) {
        }

        @Override
        public void pinned(long nanos) {
        }
    };

    /**
     * @param lock readable lock class name (as in {@link dev.threadhound.model.ContentionRecord#lock()})
     * @param kind {@code monitor} or {@code park}
     */
    void waited(String lock, String kind, long nanos);

    void pinned(long nanos);
}
