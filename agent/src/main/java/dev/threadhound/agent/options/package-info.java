/** The agent's options: {@code key=value} pairs or {@code threadhound.<key>} system properties, checked before anything starts. */
package dev.threadhound.agent.options;
