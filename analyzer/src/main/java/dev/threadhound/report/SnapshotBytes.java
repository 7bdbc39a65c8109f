package dev.threadhound.report;

import dev.threadhound.model.LockSamples;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadHistory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;

/**
 * A snapshot handed from the agent to a test in the same JVM as serialized records: the agent and the test hold
 * the model in different class loaders, and JSON would make both load and warm up a JSON mapper first (about half a
 * second of a short test JVM's life), where this costs a few milliseconds. Only the model's records, strings,
 * numbers and the JDK's collections are read back.
 */
public final class SnapshotBytes {

    private static final ObjectInputFilter ONLY_THE_MODEL = ObjectInputFilter.Config.createFilter(
            "maxdepth=20;dev.threadhound.model.*;java.lang.*;java.util.*;!*");

    private SnapshotBytes() {
    }

    /** Writes {@code snapshot} as one snapshot reads: without what it learned from earlier ones, as in its JSON. */
    public static byte[] write(Snapshot snapshot) {
        Snapshot alone = snapshot
                .withThreads(snapshot.threads().stream().map(t -> t.withHistory(ThreadHistory.NONE)).toList())
                .withLockSamples(LockSamples.NONE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(alone);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Snapshot read(byte[] bytes) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(ONLY_THE_MODEL);
            return (Snapshot) in.readObject();
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException("not a snapshot of this version: " + e.getMessage(), e);
        }
    }
}
