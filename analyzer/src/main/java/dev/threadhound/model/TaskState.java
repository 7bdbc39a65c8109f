package dev.threadhound.model;

/**
 * Where a task in flight is: running on a worker, queued for one, or (a periodic task) waiting in its scheduler's
 * queue for its next run, its normal state between runs.
 */
public enum TaskState { RUNNING, QUEUED, SCHEDULED }
