/** Turns the live JVM (ThreadMXBean, the agent's registries, JFR aggregates) into the analyzer's Snapshot. */
package dev.threadhound.agent.snapshot;
