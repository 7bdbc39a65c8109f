package dev.threadhound.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * Everything the detectors know about one JVM at one instant. Immutable; built by a source (the live agent,
 * a thread dump, a JFR recording, a test) and carried forward by {@link Progress}.
 *
 * @param takenAt     epoch millis; the only clock detectors use
 * @param deaths      threads that ended by an uncaught exception recently, as far as the source saw them
 * @param lockSamples hot locks counted from thread states over the recent snapshots (see {@link Progress})
 * @param lockOrder   the part of the lock-order graph that can hold a cycle; empty unless the source tracks lock order
 */
public record Snapshot(
        long takenAt,
        List<ThreadRecord> threads,
        List<TaskRecord> tasks,
        List<ExecutorRecord> executors,
        List<ContentionRecord> contention,
        List<PinningRecord> pinning,
        List<DeathRecord> deaths,
        @JsonIgnore LockSamples lockSamples,
        LockOrderGraph lockOrder) implements Serializable {

    public Snapshot {
        threads = FilledList.of(threads);
        tasks = FilledList.of(tasks);
        executors = FilledList.of(executors);
        contention = FilledList.of(contention);
        pinning = FilledList.of(pinning);
        // a snapshot written before deaths were recorded reads without them
        deaths = deaths == null ? List.of() : FilledList.of(deaths);
        lockSamples = lockSamples == null ? LockSamples.NONE : lockSamples;
        lockOrder = lockOrder == null ? LockOrderGraph.EMPTY : lockOrder;
    }

    /** A snapshot from a source that does not track lock order. */
    public Snapshot(long takenAt, List<ThreadRecord> threads, List<TaskRecord> tasks, List<ExecutorRecord> executors,
                    List<ContentionRecord> contention, List<PinningRecord> pinning, List<DeathRecord> deaths,
                    LockSamples lockSamples) {
        this(takenAt, threads, tasks, executors, contention, pinning, deaths, lockSamples, LockOrderGraph.EMPTY);
    }

    /** A snapshot from a source that records no deaths, before {@link Progress} adds what earlier ones showed. */
    public Snapshot(long takenAt, List<ThreadRecord> threads, List<TaskRecord> tasks, List<ExecutorRecord> executors,
                    List<ContentionRecord> contention, List<PinningRecord> pinning) {
        this(takenAt, threads, tasks, executors, contention, pinning, List.of(), LockSamples.NONE);
    }

    /** A snapshot as a source takes it, before {@link Progress} adds what earlier ones showed. */
    public Snapshot(long takenAt, List<ThreadRecord> threads, List<TaskRecord> tasks, List<ExecutorRecord> executors,
                    List<ContentionRecord> contention, List<PinningRecord> pinning, List<DeathRecord> deaths) {
        this(takenAt, threads, tasks, executors, contention, pinning, deaths, LockSamples.NONE);
    }

    public static Snapshot ofThreads(long takenAt, List<ThreadRecord> threads) {
        return new Snapshot(takenAt, threads, List.of(), List.of(), List.of(), List.of());
    }

    public Optional<ThreadRecord> thread(long id) {
        return threads.stream().filter(t -> t.id() == id).findFirst();
    }

    public Optional<ExecutorRecord> executor(String name) {
        return executors.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Snapshot withThreads(List<ThreadRecord> replaced) {
        return new Snapshot(takenAt, replaced, tasks, executors, contention, pinning, deaths, lockSamples, lockOrder);
    }

    public Snapshot withTasks(List<TaskRecord> replaced) {
        return new Snapshot(takenAt, threads, replaced, executors, contention, pinning, deaths, lockSamples, lockOrder);
    }

    public Snapshot withExecutors(List<ExecutorRecord> replaced) {
        return new Snapshot(takenAt, threads, tasks, replaced, contention, pinning, deaths, lockSamples, lockOrder);
    }

    public Snapshot withContention(List<ContentionRecord> locks, List<PinningRecord> pinned) {
        return new Snapshot(takenAt, threads, tasks, executors, locks, pinned, deaths, lockSamples, lockOrder);
    }

    public Snapshot withDeaths(List<DeathRecord> replaced) {
        return new Snapshot(takenAt, threads, tasks, executors, contention, pinning, replaced, lockSamples, lockOrder);
    }

    public Snapshot withLockSamples(LockSamples samples) {
        return new Snapshot(takenAt, threads, tasks, executors, contention, pinning, deaths, samples, lockOrder);
    }

    public Snapshot withLockOrder(LockOrderGraph graph) {
        return new Snapshot(takenAt, threads, tasks, executors, contention, pinning, deaths, lockSamples, graph);
    }
}
