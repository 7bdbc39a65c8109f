package dev.threadhound.samples.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;

/**
 * Busy work that gets somewhere: batch after batch of audit records are generated, sorted, hashed and compressed
 * at full CPU. Always {@code RUNNABLE}, but moving through its code, so it is not spinning.
 */
final class Compressor {

    private final Random random = new Random(42);
    private long compressedBytes;

    void runUntil(long endMillis) {
        while (System.currentTimeMillis() < endMillis) {
            long[] batch = generate();
            Arrays.sort(batch);
            byte[] bytes = toBytes(batch);
            compressedBytes += compress(bytes) + digest(bytes).length;
        }
    }

    long compressedBytes() {
        return compressedBytes;
    }

    private long[] generate() {
        long[] batch = new long[5_000];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = random.nextLong();
        }
        return batch;
    }

    private static byte[] toBytes(long[] batch) {
        byte[] out = new byte[batch.length * 8];
        for (int i = 0; i < batch.length; i++) {
            for (int b = 0; b < 8; b++) {
                out[i * 8 + b] = (byte) (batch[i] >>> (8 * b));
            }
        }
        return out;
    }

    /**
     * A quarter of the batch: compressing all of it took two thirds of the thread's time in that one call, and
     * five looks in a row inside it made a loop that gets somewhere look like a spin on a crowded machine.
     */
    private static int compress(byte[] bytes) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(bytes, 0, bytes.length / 4);
            deflater.finish();
            byte[] buffer = new byte[8192];
            int total = 0;
            while (!deflater.finished()) {
                total += deflater.deflate(buffer);
            }
            return total;
        } finally {
            deflater.end();
        }
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
