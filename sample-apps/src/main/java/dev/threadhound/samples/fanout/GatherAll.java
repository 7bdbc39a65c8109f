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
        // ten seconds, far above what a replica takes: with two seconds a crowded machine (LockOrderIT runs the
        // samples side by side, lock order tracked) once kept a request past its deadline and the sample died of it
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        return answers.stream().map(CompletableFuture::join).toList();
    }
}
