package dev.threadhound.agent.track;

import dev.threadhound.model.DeathRecord;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Threads that ended by an uncaught exception, recently: the newest {@link #KEPT} for at most {@link #KEEP_MILLIS}.
 * It holds text only, never the thread or its exception, so a dead thread's objects are garbage as usual. A thread
 * dying is rare (each death costs a lock and a few strings); a program whose threads keep dying keeps the newest.
 */
public final class DeathRegistry {

    static final int KEPT = 64;
    static final long KEEP_MILLIS = TimeUnit.MINUTES.toMillis(30);

    private final ArrayDeque<DeathRecord> deaths = new ArrayDeque<>();

    synchronized void died(DeathRecord death) {
        if (deaths.size() >= KEPT) {
            deaths.removeFirst();
        }
        deaths.addLast(death);
    }

    /** The deaths of the last {@link #KEEP_MILLIS} before {@code nowMillis}, oldest first; older ones are dropped. */
    public synchronized List<DeathRecord> recent(long nowMillis) {
        for (Iterator<DeathRecord> it = deaths.iterator(); it.hasNext(); ) {
            if (nowMillis - it.next().diedAt() > KEEP_MILLIS) {
                it.remove();
            }
        }
        return new ArrayList<>(deaths);
    }
}
