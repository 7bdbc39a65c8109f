/** The agent's MBean: how tools in the same JVM (the JUnit extension) ask it for data without sharing classes. */
package dev.threadhound.agent.jmx;
