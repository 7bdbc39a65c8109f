package dev.threadhound.samples.libraries;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.ListeningExecutorService;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A healthy fan-out written with Guava, a control that must stay quiet: each request asks three replicas on a shared
 * listening pool of 64 threads and waits for all the answers with a deadline ({@code Futures.allAsList(...).get}),
 * and the pool is shut down at the end. Guava's futures park on themselves while a caller waits for the result.
 */
public final class GuavaFanOut {

    private GuavaFanOut() {
    }

    public static void main(String[] args) throws Exception {
        ListeningExecutorService pool = MoreExecutors.listeningDecorator(Executors.newFixedThreadPool(64,
                new ThreadFactoryBuilder().setNameFormat("replica-%d").setDaemon(true).build()));
        int requests = 60;
        for (int request = 0; request < requests; request++) {
            List<ListenableFuture<String>> answers = new ArrayList<>();
            for (int replica = 0; replica < 3; replica++) {
                int r = replica;
                answers.add(pool.submit(() -> ask(r)));
            }
            // a deadline all the same, but one a machine running forty-eight JVMs at once does not miss
            Futures.allAsList(answers).get(10, TimeUnit.SECONDS);
            Thread.sleep(100);
        }
        MoreExecutors.shutdownAndAwaitTermination(pool, 5, TimeUnit.SECONDS);
        System.out.println("guava-fan-out: " + requests + " requests; done");
    }

    private static String ask(int replica) throws InterruptedException {
        Thread.sleep(5 + ThreadLocalRandom.current().nextInt(20));
        return "replica-" + replica;
    }
}
