package dev.threadhound.agent.jmx;

/** {@code dev.threadhound:type=Agent}. Returns JSON strings, so callers need no agent class. */
public interface AgentMBean {

    /** A fresh snapshot with every thread's stack, creation sites, executors and in-flight tasks. */
    String snapshot();

    /** The newest detector cycle's findings JSON (schema threadhound/findings/v1). */
    String findings();
}
