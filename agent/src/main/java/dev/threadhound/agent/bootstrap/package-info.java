/**
 * The bootstrap bridge: the only agent classes JDK code can see. Advice inlined into {@code Thread},
 * {@code ThreadPoolExecutor} and friends calls {@link dev.threadhound.agent.bootstrap.Hooks}; JDK types only.
 */
package dev.threadhound.agent.bootstrap;
