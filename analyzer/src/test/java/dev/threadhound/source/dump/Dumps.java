package dev.threadhound.source.dump;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Real dumps under {@code src/test/resources/dumps/}, taken from {@code DeadlockDemo.java.txt} there on JDK 17 and
 * 25 with jstack, jstack -l, jcmd Thread.print and (JDK 25) jcmd Thread.dump_to_file -format=json: two threads
 * deadlocked on monitors (monitor-1, monitor-2) and two on ReentrantLocks (lock-1, lock-2).
 */
public final class Dumps {

    private Dumps() {
    }

    public static String text(String name) {
        try (InputStream in = Dumps.class.getResourceAsStream("/dumps/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test dump " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
