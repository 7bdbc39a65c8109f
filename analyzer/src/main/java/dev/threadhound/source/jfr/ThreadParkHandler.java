package dev.threadhound.source.jfr;

import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;

/**
 * {@code jdk.ThreadPark}: a thread parked on a {@code java.util.concurrent} synchronizer. Parks without a blocker
 * ({@code LockSupport.parkNanos} alone), waits for a condition's signal or a result (futures, latches), and pool
 * workers waiting for their next task or leaving their pool are not contention and are skipped.
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
        if (parked == null || LockNames.notALock(parked.getName()) || JfrSites.poolHousekeeping(event.getStackTrace())) {
            return null;
        }
        return LockNames.readable(parked.getName());
    }
}
