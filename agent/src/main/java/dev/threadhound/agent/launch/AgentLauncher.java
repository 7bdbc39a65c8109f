package dev.threadhound.agent.launch;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.function.Function;

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
            @SuppressWarnings("unchecked")
            Function<Object[], String> agent = (Function<Object[], String>) loader
                    .loadClass("dev.threadhound.agent.Launch").getDeclaredConstructor().newInstance();
            String problem = agent.apply(new Object[] {options, inst, attached, launchedAt});
            if (problem != null) {
                System.err.println("threadhound: " + problem + "; the agent is off");
            }
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
