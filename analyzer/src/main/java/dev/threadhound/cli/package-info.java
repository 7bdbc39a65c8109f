/**
 * The offline analyzer: {@code analyze <file>} reads a JFR recording or a thread dump into a snapshot, runs the
 * same detectors as the agent, and prints the findings as text or as the findings JSON.
 */
package dev.threadhound.cli;
