package dev.threadhound.samples.libraries;

import io.vertx.core.Vertx;

/**
 * A price lookup that makes a Vert.x instance per call ({@code Vertx.vertx()}) to run its blocking lookup on, and
 * never closes it: every call leaves a worker pool, an internal pool, a blocked-thread checker and an event loop
 * behind. {@code --fixed}: every call closes its instance, and waits for it to close.
 */
public final class VertxPerCall {

    private VertxPerCall() {
    }

    public static void main(String[] args) throws Exception {
        boolean fixed = args.length > 0 && args[0].equals("--fixed");
        int calls = 20;
        long total = 0;
        for (int call = 0; call < calls; call++) {
            total += price(call, fixed);
            Thread.sleep(150);
        }
        System.out.println("vertx: " + calls + " calls, total " + total + "; done");
        // idle for longer than stuckAfter: what the unclosed instances left behind waits for good
        Thread.sleep(4_000);
        System.exit(0);
    }

    static long price(int item, boolean close) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            return vertx.executeBlocking(() -> 100L + item).toCompletionStage().toCompletableFuture().get();
        } finally {
            if (close) {
                vertx.close().toCompletionStage().toCompletableFuture().get();
            }
        }
    }
}
