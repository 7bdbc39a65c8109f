/**
 * The live JFR source: a {@code RecordingStream} in the agent's JVM (no {@code -XX:StartFlightRecording} needed)
 * whose monitor-enter, park and pinned events feed the analyzer's contention window.
 */
package dev.threadhound.agent.jfr;
