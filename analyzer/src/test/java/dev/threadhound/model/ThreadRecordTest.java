package dev.threadhound.model;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadRecordTest {

    private static final ThreadRecord BASE = new ThreadRecord(7, "consumer", false, false, "WAITING",
            List.of("com.acme.Consumer.run(Consumer.java:40)"), "java.lang.Object@1", 3, "owner", 1, 2, 3,
            List.of("com.acme.Main.main(Main.java:5)"), 1, "pool", 1_000, 900, "java.lang.Object@2")
            .withIdentity("java.lang.Thread@3");

    /** What Progress carries over rather than a source sees, and what the record works out from what it sees. */
    private static final java.util.Set<String> CARRIED = java.util.Set.of("stalledSince", "startedAt", "history",
            "nameKind");

    @Test
    void theSameObservationIsEveryComponentButWhatProgressCarries() {
        assertThat(BASE.sameObservation(BASE.withStalledSince(2_000).withStartedAt(500)
                .withHistory(new ThreadHistory(LearnedWaits.NONE, null, null)))).isTrue();
        assertThat(BASE.sameObservation(null)).isFalse();
    }

    @Test
    void whatProgressCarriesIsSetAtOnceAndNothingElseChanges() {
        ThreadHistory learned = new ThreadHistory(LearnedWaits.NONE, null, null);
        ThreadRecord carried = BASE.withProgress(2_000, 500, learned);
        assertThat(carried).isEqualTo(BASE.withStalledSince(2_000).withStartedAt(500).withHistory(learned));
        assertThat(carried.sameObservation(BASE)).isTrue();
    }

    @Test
    void whatTheNameSaysIsWorkedOutOnceAndKeptByEveryCopy() {
        ThreadRecord jfr = ThreadRecord.of(2, "JFR Recorder Thread", "RUNNABLE", List.of());
        assertThat(jfr.nameKind()).isEqualTo(ThreadNameKind.SYSTEM);
        assertThat(ThreadRecord.of(3, "threadhound-loop", "WAITING", List.of()).nameKind())
                .isEqualTo(ThreadNameKind.AGENT);
        assertThat(BASE.nameKind()).isEqualTo(ThreadNameKind.OTHER);
        ThreadRecord copied = jfr.withStack(List.of("java.lang.Object.wait(Native Method)")).withExecutor("pool")
                .withProgress(2_000, 500, ThreadHistory.NONE).withLock("java.lang.Object@9", -1, null);
        assertThat(copied.nameKind()).isSameAs(ThreadNameKind.SYSTEM);
        assertThat(copied).isEqualTo(new ThreadRecord(copied.id(), copied.name(), copied.virtual(), copied.daemon(),
                copied.state(), copied.stack(), copied.blockedOn(), copied.ownerId(), copied.ownedBy(),
                copied.blockedCount(), copied.waitedCount(), copied.cpuTimeNanos(), copied.createdAt(),
                copied.createdBy(), copied.executor(), copied.stalledSince(), copied.startedAt(), copied.blockerLock(),
                copied.identity(), copied.history()));
    }

    /** Guards Progress: a component added to the record and left out of sameObservation would go stale. */
    @Test
    void aRecordThatDiffersInAnyOtherComponentIsAnotherObservation() throws Exception {
        RecordComponent[] components = ThreadRecord.class.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        Constructor<ThreadRecord> canonical = ThreadRecord.class.getDeclaredConstructor(types);
        for (int changed = 0; changed < components.length; changed++) {
            List<Object> values = new ArrayList<>();
            for (RecordComponent c : components) {
                values.add(c.getAccessor().invoke(BASE));
            }
            String name = components[changed].getName();
            if (CARRIED.contains(name)) {
                continue;
            }
            values.set(changed, other(values.get(changed), types[changed]));
            ThreadRecord copy = canonical.newInstance(values.toArray());
            assertThat(BASE.sameObservation(copy)).as(name).isFalse();
        }
    }

    private static Object other(Object value, Class<?> type) {
        if (type == long.class) {
            return (Long) value + 1;
        }
        if (type == boolean.class) {
            return !(Boolean) value;
        }
        if (type == String.class) {
            return value + "-other";
        }
        if (type == List.class) {
            return List.of("com.acme.Other.other(Other.java:1)");
        }
        throw new AssertionError("no other value for a component of type " + type + ": add one here");
    }
}
