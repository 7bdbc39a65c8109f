package dev.threadhound.model;

import java.io.Serializable;
import java.util.List;

/**
 * A task in flight: queued in an executor or running on one of its workers.
 *
 * @param executor    the executor's name (see {@link ExecutorRecord#name()})
 * @param identity    {@code Class@hex} of the task object as the executor holds it (a FutureTask for submit())
 * @param taskClass   class of the work inside, unwrapped from FutureTask and adapters where possible
 * @param state       {@link TaskState}
 * @param submittedAt frames of the site that submitted work of this class, empty when unknown
 * @param threadId    the worker running it, -1 when queued
 * @param since       epoch millis since when the task has been queued or running without progress
 */
public record TaskRecord(
        String executor,
        String identity,
        String taskClass,
        TaskState state,
        List<String> submittedAt,
        long threadId,
        long since) implements Serializable {

    public TaskRecord {
        submittedAt = List.copyOf(submittedAt);
    }

    public TaskRecord withSince(long millis) {
        return new TaskRecord(executor, identity, taskClass, state, submittedAt, threadId, millis);
    }
}
