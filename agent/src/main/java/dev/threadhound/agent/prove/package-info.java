/**
 * {@code prove}: leak candidates checked by heap reachability. A heap dump pauses the JVM, so it is taken only when
 * asked for ({@code prove=on}, the MBean, {@code attach <pid> prove}), at most once a minute, below a heap limit, and
 * only when the analysis fits in the free heap. Shark (the dump reader) is loaded by the first proof, never before.
 */
package dev.threadhound.agent.prove;
