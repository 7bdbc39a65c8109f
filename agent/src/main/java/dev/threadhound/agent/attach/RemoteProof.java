package dev.threadhound.agent.attach;

import com.sun.tools.attach.VirtualMachine;
import dev.threadhound.agent.Agent;
import dev.threadhound.finding.Finding;
import dev.threadhound.report.FindingsReport;
import dev.threadhound.report.Json;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code attach <pid> prove}: asks the agent already running in {@code <pid>} for a proof now, through the JVM's
 * local JMX connector (which the attach API starts on demand, reachable from this machine only), and prints the
 * leak findings with their verdicts.
 */
final class RemoteProof {

    private static final String MBEAN = "dev.threadhound:type=Agent";

    private RemoteProof() {
    }

    /** Exit status: 0 proved, 1 could not. */
    static int run(long pid, PrintStream out, PrintStream err) {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(String.valueOf(pid));
        } catch (Exception e) {
            err.println("threadhound: cannot attach to " + pid + ": " + e.getMessage());
            return 1;
        }
        try {
            String address = vm.startLocalManagementAgent();
            try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
                MBeanServerConnection server = connector.getMBeanServerConnection();
                ObjectName name = new ObjectName(MBEAN);
                if (!registered(server, name, vm)) {
                    err.println("threadhound: the agent is not running in " + pid + "; load it first with: attach " + pid + " [options]");
                    return 1;
                }
                String json = (String) server.invoke(name, "prove", new Object[0], new String[0]);
                print(Json.readReport(json), out);
                return 0;
            }
        } catch (RuntimeMBeanException e) {
            Throwable refused = e.getTargetException() != null ? e.getTargetException() : e;
            err.println("threadhound: no proof: " + refused.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("threadhound: cannot ask " + pid + " for a proof: " + e);
            return 1;
        } finally {
            try {
                vm.detach();
            } catch (Exception ignored) {
                // nothing to undo
            }
        }
    }

    /**
     * The agent registers its MBean a few seconds after it starts ({@code BackgroundServices.MBEAN_AFTER_MS}): a JVM
     * that runs the agent is given that long.
     */
    private static boolean registered(MBeanServerConnection server, ObjectName name, VirtualMachine vm)
            throws Exception {
        if (server.isRegistered(name)) {
            return true;
        }
        if (vm.getSystemProperties().getProperty(Agent.RUNNING_PROPERTY) == null) {
            return false;
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!server.isRegistered(name) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return server.isRegistered(name);
    }

    private static void print(FindingsReport report, PrintStream out) {
        List<Finding> decided = report.findings().stream().filter(f -> f.proven() != null).toList();
        out.println("threadhound: proof done; " + decided.size() + (decided.size() == 1 ? " finding" : " findings")
                + " decided");
        for (Finding f : decided) {
            out.println(f.severity() + " " + f.type() + ": " + f.summary());
            if (f.keptBy() != null) {
                out.println("  kept by: " + String.join(" -> ", f.keptBy()));
            }
        }
    }
}
