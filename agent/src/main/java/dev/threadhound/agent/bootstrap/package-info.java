/**
 * The bootstrap bridge: the only agent classes JDK code can see. Calls written into {@code Thread},
 * {@code ThreadPoolExecutor} and friends go to {@link dev.threadhound.agent.bootstrap.Hooks}; JDK types only. The
 * build renames both classes into {@code java.lang} and the agent defines them in java.base at start.
 */
package dev.threadhound.agent.bootstrap;
