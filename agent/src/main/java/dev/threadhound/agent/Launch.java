package dev.threadhound.agent;

import dev.threadhound.agent.options.AgentOptions;

import java.lang.instrument.Instrumentation;
import java.util.function.Function;

/**
 * The agent's side of the doorway in {@code AgentLauncher}: the checks that must pass before the JVM is touched,
 * then the start. The launcher calls it through a JDK interface, not by reflection: from JDK 18 on, the first
 * reflective call of a method of a new shape spins method handles for it, 15 ms of a JDK 25 start for
 * {@link Agent#start}'s alone.
 */
public final class Launch implements Function<Object[], String> {

    /**
     * @param args the agent options (a String or null), the {@link Instrumentation}, whether attached to a running
     *             JVM (Boolean) and when premain began (Long, {@link System#nanoTime()})
     * @return why the agent stays off, or null once it has started
     */
    @Override
    public String apply(Object[] args) {
        String options = (String) args[0];
        Instrumentation inst = (Instrumentation) args[1];
        // Options first: an agent that stays off must leave the JVM untouched.
        String problem = AgentOptions.problemWith(options);
        if (problem != null) {
            return problem;
        }
        // The bridge must be visible to JDK classes before any class that calls it is rewritten or loaded.
        String noBridge = BootstrapBridge.define(inst);
        if (noBridge != null) {
            return noBridge;
        }
        Agent.start(options, inst, (Boolean) args[2], (Long) args[3]);
        return null;
    }
}
