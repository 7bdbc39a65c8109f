/** The scheduler: every {@code interval}, a snapshot, carried forward, through the detectors, into the sinks. */
package dev.threadhound.agent.loop;
