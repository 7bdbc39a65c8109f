/**
 * Bytecode rewriting (ASM) of the handful of JDK classes threadhound watches: each rewritten method gains one static
 * call into the bootstrap bridge {@link dev.threadhound.agent.bootstrap.Hooks}; the logic lives in the probe.
 */
package dev.threadhound.agent.instrument;
