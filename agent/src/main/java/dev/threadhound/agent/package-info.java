/**
 * The agent: {@link dev.threadhound.agent.Agent} wires sources (instrumentation, MXBeans, JFR) into the analyzer's
 * model and detectors and hands findings to sinks. It holds no detection logic of its own.
 */
package dev.threadhound.agent;
