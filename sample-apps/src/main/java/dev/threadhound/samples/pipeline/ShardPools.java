package dev.threadhound.samples.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One pool per shard, made in a loop at start-up and kept for the life of the process: idle executors from one
 * site, created together by one thread, which is a design and not a leak.
 */
final class ShardPools {

    static final int SHARDS = 4;

    private final List<ExecutorService> pools = new ArrayList<>();

    ShardPools() {
        for (int shard = 0; shard < SHARDS; shard++) {
            // a plain pool: the single-thread executor's wrapper shuts itself down once unreachable
            ExecutorService pool = Executors.newFixedThreadPool(1, new NamedThreads("pipeline-shard-" + shard));
            pool.submit(() -> "warm");
            pools.add(pool);
        }
    }

    int size() {
        return pools.size();
    }
}
