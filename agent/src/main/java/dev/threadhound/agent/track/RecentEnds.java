package dev.threadhound.agent.track;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Things that ended badly, recently: threads that ended by an uncaught exception, periodic tasks that threw and
 * stopped. The newest {@link #KEPT} for at most {@link #KEEP_MILLIS}. It holds text only, never the thread, the task
 * or the exception, so their objects are garbage as usual. Such an end is rare (each costs a lock and a few
 * strings); a program whose threads keep dying keeps the newest.
 *
 * @param <T> the record of one end
 */
public final class RecentEnds<T> {

    static final int KEPT = 64;
    static final long KEEP_MILLIS = TimeUnit.MINUTES.toMillis(30);

    private final ArrayDeque<T> ends = new ArrayDeque<>();
    private final ToLongFunction<T> endedAt;

    /** @param endedAt epoch millis of a record's end */
    RecentEnds(ToLongFunction<T> endedAt) {
        this.endedAt = endedAt;
    }

    synchronized void add(T end) {
        if (ends.size() >= KEPT) {
            ends.removeFirst();
        }
        ends.addLast(end);
    }

    /** The ends of the last {@link #KEEP_MILLIS} before {@code nowMillis}, oldest first; older ones are dropped. */
    public synchronized List<T> recent(long nowMillis) {
        for (Iterator<T> it = ends.iterator(); it.hasNext(); ) {
            if (nowMillis - endedAt.applyAsLong(it.next()) > KEEP_MILLIS) {
                it.remove();
            }
        }
        return new ArrayList<>(ends);
    }
}
