/** {@code java -jar threadhound-agent.jar attach <pid> [options]}: loads the agent into a running JVM. */
package dev.threadhound.agent.attach;
