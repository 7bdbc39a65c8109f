/**
 * ByteBuddy advice for the handful of JDK classes threadhound watches. Each advice is one guarded static call
 * into {@link dev.threadhound.agent.bootstrap.Hooks}; the logic lives in the probe.
 */
package dev.threadhound.agent.instrument;
