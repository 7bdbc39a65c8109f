package dev.threadhound.samples.workerpool;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A quote cache refreshed every 100 ms by a scheduler ({@code --bug=stopped-refresh}). Its fifth refresh meets a
 * malformed quote and throws: the scheduler cancels the refresh for good and keeps the exception in a future nobody
 * reads. Nothing fails, nothing is logged, and the quotes the program serves go stale.
 */
final class StaleQuotes {

    private static final long EVERY_MILLIS = 100;
    private static final int MALFORMED_AT = 5;

    private final ScheduledExecutorService refresher =
            Executors.newSingleThreadScheduledExecutor(WorkerPoolWorkload.named("workerpool-refresher"));
    private volatile long refreshedAt;
    private int refreshes;

    void start() {
        refresher.scheduleAtFixedRate(this::refresh, 0, EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        if (++refreshes == MALFORMED_AT) {
            throw new IllegalStateException("malformed quote for ACME: 12,5O");
        }
        refreshedAt = System.currentTimeMillis();
    }

    long staleForMillis() {
        return System.currentTimeMillis() - refreshedAt;
    }

    void stop() {
        refresher.shutdownNow();
    }
}
