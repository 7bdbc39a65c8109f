package dev.threadhound.agent.attach;

import dev.threadhound.agent.options.AgentOptions;
import dev.threadhound.agent.options.BadOptionException;
import com.sun.tools.attach.VirtualMachine;

import java.io.File;
import java.util.Properties;

/** The agent jar's command line. Exit status: 0 attached (or proved), 1 could not, 2 bad usage. */
public final class AttachCommand {

    private static final String USAGE = String.join("\n",
            "usage: java -jar threadhound-agent.jar attach <pid> [options]",
            "  loads threadhound into the running JVM <pid> (same user, JDK with the attach API)",
            "   or: java -jar threadhound-agent.jar attach <pid> prove",
            "  asks the threadhound running in <pid> to prove its leaked threads and tasks by heap reachability now",
            "  (takes a heap dump, which pauses that JVM; refused above prove's heap limit, 256m unless set)",
            "  options: key=value pairs separated by commas, as for -javaagent: " + String.join(", ", AgentOptions.KEYS),
            "  example: java -jar threadhound-agent.jar attach 4242 port=9404,stuckAfter=30s",
            "or attach at start: java -javaagent:threadhound-agent.jar[=options] -jar app.jar");

    private AttachCommand() {
    }

    public static int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            System.out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        if (!args[0].equals("attach") || args.length < 2 || args.length > 3) {
            System.err.println("threadhound: expected 'attach <pid> [options]', got '" + String.join(" ", args) + "'; see --help");
            return 2;
        }
        long pid;
        try {
            pid = Long.parseLong(args[1]);
        } catch (NumberFormatException e) {
            System.err.println("threadhound: '" + args[1] + "' is not a process id; expected a number such as 4242");
            return 2;
        }
        String options = args.length == 3 ? args[2] : "";
        if (options.equals("prove")) {
            return RemoteProof.run(pid, System.out, System.err);
        }
        try {
            AgentOptions.parse(options, new Properties());
        } catch (BadOptionException e) {
            System.err.println("threadhound: " + e.getMessage());
            return 2;
        }
        if (ProcessHandle.of(pid).isEmpty()) {
            System.err.println("threadhound: cannot attach to " + pid + ": no such process");
            return 1;
        }
        try {
            File jar = new File(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
            try {
                vm.loadAgent(jar.getAbsolutePath(), options);
            } finally {
                vm.detach();
            }
            System.out.println("threadhound: attached to " + pid);
            return 0;
        } catch (Exception | LinkageError e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            System.err.println("threadhound: cannot attach to " + pid + ": " + cause.getMessage());
            return 1;
        }
    }
}
