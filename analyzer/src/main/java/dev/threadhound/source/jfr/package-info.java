/**
 * JFR as a source of lock contention and virtual-thread pinning: one handler per event type, working on any
 * {@link jdk.jfr.consumer.EventStream} (the agent passes a live {@code RecordingStream}, the CLI a recording file),
 * all feeding a bounded {@link dev.threadhound.source.jfr.ContentionWindow}.
 */
package dev.threadhound.source.jfr;
