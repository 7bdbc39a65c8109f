/**
 * The {@code waits} sample: threads that wait on a queue or a future, some of which nothing can ever wake (a lost
 * hand-off) and some that something still could (a pending reply in a static registry, a consumer of rare events).
 */
package dev.threadhound.samples.waits;
