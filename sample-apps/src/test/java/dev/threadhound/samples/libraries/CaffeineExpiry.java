package dev.threadhound.samples.libraries;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Scheduler;

import java.time.Duration;

/**
 * A service that caches lookups in a Caffeine cache whose entries expire on time, a control that must stay quiet:
 * the cache's scheduler is the JDK's ({@code Scheduler.systemScheduler()}), which on JDK 25 starts the common pool's
 * own timer thread ({@code ForkJoinPool.commonPool-delayScheduler}); once the requests stop, that thread waits for
 * the next expiry for as long as the service is quiet.
 */
public final class CaffeineExpiry {

    private CaffeineExpiry() {
    }

    public static void main(String[] args) throws Exception {
        LoadingCache<Integer, String> prices = Caffeine.newBuilder()
                .maximumSize(1_000)
                .expireAfterWrite(Duration.ofMillis(500))
                .scheduler(Scheduler.systemScheduler())
                .build(item -> "price of " + item);
        for (int request = 0; request < 200; request++) {
            prices.get(request % 50);
            Thread.sleep(5);
        }
        // no more requests: the entries expire, and the scheduler's thread waits for nothing
        Thread.sleep(7_000);
        System.out.println("caffeine-expiry: " + prices.estimatedSize() + " entries left; done");
    }
}
