package dev.threadhound.model;

/**
 * Where a task in flight is: running on a worker, queued for one, or (a periodic task) waiting in its scheduler's
 * queue for its next run, its normal state between runs; or a periodic task that threw and that its scheduler will
 * never run again ({@code STOPPED}, with its {@link TaskRecord#failure()}).
 */
public enum TaskState { RUNNING, QUEUED, SCHEDULED, STOPPED }
