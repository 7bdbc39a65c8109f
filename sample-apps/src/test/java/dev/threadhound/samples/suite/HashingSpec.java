package dev.threadhound.samples.suite;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import com.google.common.hash.Hashing;
import com.google.common.io.BaseEncoding;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HashingSpec {

    @Test
    void loadsTheHashingAndIoPackages() throws Exception {
        assertTrue(LibraryClasses.load("com.google.common.hash.", "com.google.common.io.", "com.google.common.primitives.") > 200);
    }

    @Test
    void hashesAndFilters() {
        assertEquals(64, Hashing.sha256().hashString("threadhound", StandardCharsets.UTF_8).toString().length());
        BloomFilter<Integer> seen = BloomFilter.create(Funnels.integerFunnel(), 1_000, 0.01);
        for (int i = 0; i < 500; i++) {
            seen.put(i);
        }
        assertTrue(seen.mightContain(42));
        assertEquals("AQID", BaseEncoding.base64().encode(new byte[] {1, 2, 3}));
    }
}
