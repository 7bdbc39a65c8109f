package dev.threadhound.report;

import dev.threadhound.model.DeathRecord;
import dev.threadhound.model.Progress;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A snapshot as the agent's MBean hands it to the JUnit check in the same JVM: serialized records, read back the
 * same as its JSON would be (without what it learned from earlier snapshots), and nothing but the model read.
 */
class SnapshotBytesTest {

    private static ThreadRecord consumer() {
        return new ThreadRecord(7, "consumer", false, true, "WAITING",
                List.of("com.acme.Consumer.run(Consumer.java:40)"), "java.lang.Object@1", -1, null, 0, 3, 1_000,
                List.of(), -1, null, 0).withIdentity("java.lang.Thread@7");
    }

    @Test
    void aCarriedSnapshotRoundTripsAsItsJsonWould() throws Exception {
        Snapshot first = Progress.carry(null, Snapshot.ofThreads(1_000, List.of(consumer())));
        Snapshot carried = Progress.carry(first, Snapshot.ofThreads(2_000, List.of(consumer())))
                .withDeaths(List.of(new DeathRecord(9, "worker-1", false, "pool-1",
                        List.of("com.acme.Main.main(Main.java:5)"), 1, "java.lang.IllegalStateException: boom",
                        List.of("com.acme.Worker.run(Worker.java:12)"), 1_500,
                        List.of(new DeathRecord.Wait("java.lang.Object@2", null, "take")))));

        Snapshot read = SnapshotBytes.read(SnapshotBytes.write(carried));
        Snapshot viaJson = Json.readSnapshot(Json.write(carried));

        assertThat(read).isEqualTo(viaJson);
        assertThat(read.threads()).singleElement().satisfies(t -> {
            assertThat(t.identity()).isEqualTo("java.lang.Thread@7");
            assertThat(t.stalledSince()).isEqualTo(1_000);
            assertThat(t.history().learned().longestByPlace()).isEmpty();
        });
        assertThat(read.deaths()).singleElement().satisfies(d -> assertThat(d.exception()).contains("boom"));
    }

    @Test
    void bytesThatAreNoSnapshotOfTheModelAreRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(List.of(new java.net.URI("http://127.0.0.1/"))));
        }
        assertThatThrownBy(() -> SnapshotBytes.read(bytes.toByteArray())).isInstanceOf(InvalidClassException.class);

        ByteArrayOutputStream list = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(list)) {
            out.writeObject(new ArrayList<>(List.of("not a snapshot")));
        }
        assertThatThrownBy(() -> SnapshotBytes.read(list.toByteArray())).isInstanceOf(IOException.class)
                .hasMessageContaining("not a snapshot");
    }
}
