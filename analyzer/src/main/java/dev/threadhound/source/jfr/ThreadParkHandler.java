package dev.threadhound.source.jfr;

import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;

/**
 * {@code jdk.ThreadPark}: a thread parked on a lock's synchronizer or a semaphore ({@link LockNames#lock}). Parks
 * without a blocker ({@code LockSupport.parkNanos} alone), on anything else (a condition's signal, a future's result,
 * a latch), and pool workers waiting for their next task or leaving their pool are not contention and are skipped.
 */
final class ThreadParkHandler extends WaitHandler {

    static final String EVENT = "jdk.ThreadPark";

    ThreadParkHandler(ContentionWindow window, ContentionListener listener, EventBudget budget) {
        super(window, listener, budget);
    }

    @Override
    public String eventName() {
        return EVENT;
    }

    @Override
    String kind() {
        return "park";
    }

    @Override
    String lock(RecordedEvent event) {
        RecordedClass parked = event.getClass("parkedClass");
        if (parked == null || !LockNames.lock(parked.getName()) || JfrSites.poolHousekeeping(event.getStackTrace())) {
            return null;
        }
        return LockNames.readable(parked.getName());
    }
}
