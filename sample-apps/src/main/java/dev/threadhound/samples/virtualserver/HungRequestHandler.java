package dev.threadhound.samples.virtualserver;

import java.util.concurrent.CountDownLatch;

/**
 * Healthy but for one request, whose handler waits for a confirmation its backend never sends: it never returns, and
 * the server's {@code close()} of its executor, which waits for every request it started, never returns either.
 */
final class HungRequestHandler implements Handler {

    static final long HUNG_REQUEST = 10;

    private final Handler healthy = new HealthyHandler();
    private final CountDownLatch confirmation = new CountDownLatch(1);

    @Override
    public void handle(long request) {
        if (request == HUNG_REQUEST) {
            awaitConfirmation();
        } else {
            healthy.handle(request);
        }
    }

    private void awaitConfirmation() {
        try {
            confirmation.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
