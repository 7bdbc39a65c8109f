package dev.threadhound.detect;

import dev.threadhound.model.DeathRecord;
import dev.threadhound.model.ExecutorRecord;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.TaskRecord;
import dev.threadhound.model.TaskState;
import dev.threadhound.model.ThreadRecord;

import java.util.ArrayList;
import java.util.List;

/** Builds a {@link Snapshot} by hand, taken at {@link #NOW} unless told otherwise. */
final class SnapshotBuilder {

    static final long NOW = 1_700_000_000_000L;

    private final long takenAt;
    private final List<ThreadRecord> threads = new ArrayList<>();
    private final List<TaskRecord> tasks = new ArrayList<>();
    private final List<ExecutorRecord> executors = new ArrayList<>();
    private final List<DeathRecord> deaths = new ArrayList<>();

    private SnapshotBuilder(long takenAt) {
        this.takenAt = takenAt;
    }

    static SnapshotBuilder snapshot() {
        return new SnapshotBuilder(NOW);
    }

    static SnapshotBuilder snapshotAt(long takenAt) {
        return new SnapshotBuilder(takenAt);
    }

    SnapshotBuilder thread(ThreadBuilder thread) {
        threads.add(thread.build());
        return this;
    }

    SnapshotBuilder thread(ThreadRecord thread) {
        threads.add(thread);
        return this;
    }

    SnapshotBuilder executor(ExecutorBuilder executor) {
        executors.add(executor.build());
        return this;
    }

    SnapshotBuilder task(TaskRecord task) {
        tasks.add(task);
        return this;
    }

    SnapshotBuilder death(DeathRecord death) {
        deaths.add(death);
        return this;
    }

    Snapshot build() {
        return new Snapshot(takenAt, threads, tasks, executors, List.of(), List.of(), deaths);
    }

    static TaskRecord running(String executor, String identity, String taskClass, long threadId, long since,
                              String... submittedAt) {
        return new TaskRecord(executor, identity, taskClass, TaskState.RUNNING, List.of(submittedAt), threadId, since);
    }

    static TaskRecord queued(String executor, String identity, String taskClass, long since, String... submittedAt) {
        return new TaskRecord(executor, identity, taskClass, TaskState.QUEUED, List.of(submittedAt), -1, since);
    }
}
