/**
 * Pure detectors: each turns a {@link dev.threadhound.model.Snapshot} (already carried forward by
 * {@link dev.threadhound.model.Progress}) into findings of one type. No threads, no I/O, no clock of their own.
 */
package dev.threadhound.detect;
