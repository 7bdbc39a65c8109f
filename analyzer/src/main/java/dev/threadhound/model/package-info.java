/**
 * The one model every source fills and every detector reads: an immutable {@link dev.threadhound.model.Snapshot}
 * of threads, tasks, executors and lock contention at one instant.
 */
package dev.threadhound.model;
