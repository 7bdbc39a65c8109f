package dev.threadhound.samples.suite;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.ListeningExecutorService;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.RateLimiter;
import org.junit.jupiter.api.Test;

import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConcurrencySpec {

    @Test
    void loadsTheConcurrencyPackage() throws Exception {
        assertTrue(LibraryClasses.load("com.google.common.util.concurrent.") > 200);
    }

    @Test
    void listenableFuturesOnAPoolThatIsShutDown() throws Exception {
        ListeningExecutorService pool = MoreExecutors.listeningDecorator(Executors.newFixedThreadPool(2));
        try {
            ListenableFuture<Integer> sum = Futures.transform(pool.submit(() -> 20), x -> x + 22,
                    MoreExecutors.directExecutor());
            assertEquals(42, sum.get(10, TimeUnit.SECONDS));
        } finally {
            assertTrue(MoreExecutors.shutdownAndAwaitTermination(pool, 10, TimeUnit.SECONDS));
        }
        assertTrue(RateLimiter.create(1_000).tryAcquire());
    }
}
