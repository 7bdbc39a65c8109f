package dev.threadhound.samples.pipeline;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code --bug=executor-per-request}: every request creates a pool for its two lookups and never shuts it down.
 * Each request works; the idle pools and their threads pile up until the process runs out of threads.
 */
final class RequestHandler {

    String handle(int request) throws ExecutionException, InterruptedException {
        ExecutorService lookups = Executors.newFixedThreadPool(2);
        Future<String> user = lookups.submit(() -> "user-" + request);
        Future<String> account = lookups.submit(() -> "account-" + request);
        return user.get() + "/" + account.get();
    }
}
