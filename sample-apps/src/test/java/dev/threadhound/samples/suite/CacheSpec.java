package dev.threadhound.samples.suite;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CacheSpec {

    @Test
    void loadsTheCachePackages() throws Exception {
        assertTrue(LibraryClasses.load("com.google.common.cache.", "com.google.common.base.") > 200);
    }

    @Test
    void aLoadingCacheLoadsOnceAndEvicts() throws Exception {
        int[] loads = {0};
        LoadingCache<Integer, String> cache = CacheBuilder.newBuilder().maximumSize(2)
                .expireAfterWrite(1, TimeUnit.MINUTES)
                .build(CacheLoader.from(k -> {
                    loads[0]++;
                    return "v" + k;
                }));
        assertEquals("v1", cache.get(1));
        assertEquals("v1", cache.get(1));
        cache.get(2);
        cache.get(3);
        cache.cleanUp();
        assertEquals(3, loads[0]);
        assertEquals(2, cache.size());
    }
}
