package dev.threadhound.samples.fanout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** The healthy fan-in: wait for every replica, with a deadline, and leave nothing behind. */
final class GatherAll {

    private final ExecutorService pool;

    GatherAll(ExecutorService pool) {
        this.pool = pool;
    }

    List<String> query(int request) throws Exception {
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int r = 0; r < Backends.REPLICAS; r++) {
            int replica = r;
            answers.add(CompletableFuture.supplyAsync(() -> Backends.ask(replica, request), pool));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(2, TimeUnit.SECONDS);
        return answers.stream().map(CompletableFuture::join).toList();
    }
}
