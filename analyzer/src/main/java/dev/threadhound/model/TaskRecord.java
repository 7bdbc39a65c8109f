package dev.threadhound.model;

import java.io.Serializable;
import java.util.List;

/**
 * A task in flight: queued in an executor or running on one of its workers; or a periodic task that stopped for good.
 *
 * @param executor    the executor's name (see {@link ExecutorRecord#name()})
 * @param identity    {@code Class@hex} of the task object as the executor holds it (a FutureTask for submit())
 * @param taskClass   class of the work inside, unwrapped from FutureTask and adapters where possible
 * @param state       {@link TaskState}
 * @param submittedAt frames of the site that submitted work of this class, empty when unknown
 * @param threadId    the worker running it, -1 when queued
 * @param since       epoch millis since when the task has been queued or running without progress; when it stopped
 * @param failure     what a {@link TaskState#STOPPED} task threw; null otherwise
 */
public record TaskRecord(
        String executor,
        String identity,
        String taskClass,
        TaskState state,
        List<String> submittedAt,
        long threadId,
        long since,
        Failure failure) implements Serializable {

    public TaskRecord {
        submittedAt = List.copyOf(submittedAt);
    }

    public TaskRecord(String executor, String identity, String taskClass, TaskState state, List<String> submittedAt,
                      long threadId, long since) {
        this(executor, identity, taskClass, state, submittedAt, threadId, since, null);
    }

    public TaskRecord withSince(long millis) {
        return new TaskRecord(executor, identity, taskClass, state, submittedAt, threadId, millis, failure);
    }

    /**
     * What a task threw.
     *
     * @param exception its {@code toString()}, cut to a few hundred characters
     * @param at        its top frames, innermost first
     */
    public record Failure(String exception, List<String> at) implements Serializable {

        public Failure {
            at = List.copyOf(at);
        }
    }
}
