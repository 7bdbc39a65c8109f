package dev.threadhound.samples.waits;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Replies awaited by request id, completed when the reply arrives. A request whose reply never comes leaves its
 * waiter stuck, yet not for certain: the future sits in a static registry, so a late reply could still complete it.
 */
final class Completions {

    static final Map<String, CompletableFuture<String>> PENDING = new ConcurrentHashMap<>();

    private Completions() {
    }

    static void awaitReplyThatNeverComes() {
        Thread waiter = new Thread(() -> {
            try {
                System.out.println("waits: reply " + await("order-42"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                System.out.println("waits: reply failed: " + e.getCause());
            }
        }, "reply-waiter");
        waiter.setDaemon(true);
        waiter.start();
    }

    static String await(String requestId) throws InterruptedException, ExecutionException {
        return PENDING.computeIfAbsent(requestId, id -> new CompletableFuture<>()).get();
    }

    static void complete(String requestId, String reply) {
        CompletableFuture<String> pending = PENDING.remove(requestId);
        if (pending != null) {
            pending.complete(reply);
        }
    }
}
