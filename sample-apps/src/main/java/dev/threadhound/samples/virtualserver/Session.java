package dev.threadhound.samples.virtualserver;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A client's session on a virtual thread of its own, as long as the server runs: each message waits for the
 * backend's reply to it, a new future each time, the replies 0.2 to 1 s apart. A healthy wait that never lasts,
 * always at the same line; the JDK keeps no wait counts for virtual threads that would show it ending.
 */
final class Session {

    private Session() {
    }

    static void run(long deadlineNanos) {
        while (System.nanoTime() < deadlineNanos) {
            CompletableFuture<String> reply = new CompletableFuture<>();
            long delay = ThreadLocalRandom.current().nextLong(200, 1_000);
            CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(() -> reply.complete("ack"));
            reply.join();
        }
    }
}
