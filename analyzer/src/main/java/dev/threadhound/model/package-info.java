/**
 * The one model every source fills and every detector reads: an immutable {@link dev.threadhound.model.Snapshot}
 * of threads, tasks, executors, lock contention and the order in which threads took locks at one instant.
 */
package dev.threadhound.model;
