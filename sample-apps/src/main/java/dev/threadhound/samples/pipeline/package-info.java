/**
 * A three-stage pipeline (generate, transform, sink) over bounded queues, feeding a worker pool: the Go
 * pipeline of the seed articles on the JVM's own pools, healthy, and with each classic bug in a class of its own.
 */
package dev.threadhound.samples.pipeline;
