/**
 * The bootstrap bridge: the only agent classes JDK code (and, with {@code lockOrder=on}, application code) can see.
 * Calls written into {@code Thread}, {@code ThreadPoolExecutor} and friends go to
 * {@link dev.threadhound.agent.bootstrap.Hooks}, calls around the locks of application classes to
 * {@link dev.threadhound.agent.bootstrap.LockHooks}; JDK types only. The build renames these classes into
 * {@code java.lang} and the agent defines them in java.base at start.
 */
package dev.threadhound.agent.bootstrap;
