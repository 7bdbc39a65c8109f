package dev.threadhound.agent.launch;

import java.io.File;
import java.lang.instrument.Instrumentation;

/** Premain is a doorway: it catches everything, prints one line when it must, and hands off. */
public final class AgentLauncher {

    private AgentLauncher() {
    }

    public static void premain(String options, Instrumentation inst) {
        launch(options, inst, false);
    }

    public static void agentmain(String options, Instrumentation inst) {
        launch(options, inst, true);
    }

    /** {@code java -jar threadhound-agent.jar attach <pid> [options]}. */
    public static void main(String[] args) {
        int status;
        try {
            ClassLoader loader = new AgentClassLoader(agentJar(), ClassLoader.getSystemClassLoader());
            Class<?> command = loader.loadClass("dev.threadhound.agent.attach.AttachCommand");
            status = (int) command.getMethod("run", String[].class).invoke(null, (Object) args);
        } catch (Throwable t) {
            System.err.println("threadhound: " + rootCause(t));
            status = 2;
        }
        System.exit(status);
    }

    private static void launch(String options, Instrumentation inst, boolean attached) {
        long launchedAt = System.nanoTime();
        try {
            ClassLoader loader = new AgentClassLoader(agentJar(), ClassLoader.getSystemClassLoader());
            // Options first: an agent that stays off must leave the JVM untouched.
            String problem = (String) loader.loadClass("dev.threadhound.agent.options.AgentOptions")
                    .getMethod("problemWith", String.class).invoke(null, options);
            if (problem != null) {
                System.err.println("threadhound: " + problem + "; the agent is off");
                return;
            }
            // The bridge must be visible to JDK classes before any class that calls it is rewritten or loaded.
            String noBridge = (String) loader.loadClass("dev.threadhound.agent.BootstrapBridge")
                    .getMethod("define", Instrumentation.class).invoke(null, inst);
            if (noBridge != null) {
                System.err.println("threadhound: " + noBridge + "; the agent is off");
                return;
            }
            Class<?> agent = loader.loadClass("dev.threadhound.agent.Agent");
            agent.getMethod("start", String.class, Instrumentation.class, boolean.class, long.class)
                    .invoke(null, options, inst, attached, launchedAt);
        } catch (Throwable t) {
            System.err.println("threadhound: agent not started: " + rootCause(t));
        }
    }

    private static File agentJar() throws Exception {
        return new File(AgentLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static String rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
