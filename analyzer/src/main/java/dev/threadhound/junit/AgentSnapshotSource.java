package dev.threadhound.junit;

import dev.threadhound.model.Snapshot;
import dev.threadhound.report.Json;
import dev.threadhound.report.SnapshotBytes;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;

/**
 * Snapshots from the attached agent's MBean. They travel as data, so the test needs none of the agent's classes
 * (which the agent keeps out of the application's sight): as serialized model records, which cost a few
 * milliseconds where a first JSON snapshot costs a short test JVM about half a second of mapper warm-up on both
 * sides; as JSON from an agent whose records this analyzer cannot read.
 */
final class AgentSnapshotSource implements SnapshotSource {

    private static final ObjectName NAME = objectName();

    /** The agent registers its MBean on a background thread, so a test that starts with the JVM may have to wait. */
    private static final long REGISTRATION_WAIT_MS = 10_000;

    private static final boolean LAUNCHED_WITH_AGENT = launchedWithAgent();

    /** Set once the wait has run out: an agent that stayed off (a bad option) must not cost every test the wait. */
    private static volatile boolean gaveUp;

    /** Set once serialized records could not be read (an agent of another version): JSON from then on. */
    private static volatile boolean jsonOnly;

    static boolean attached() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        if (server.isRegistered(NAME) || !LAUNCHED_WITH_AGENT || gaveUp) {
            return server.isRegistered(NAME);
        }
        long deadline = System.nanoTime() + REGISTRATION_WAIT_MS * 1_000_000;
        while (!server.isRegistered(NAME) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        gaveUp = !server.isRegistered(NAME);
        return !gaveUp;
    }

    private static boolean launchedWithAgent() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-javaagent:") && a.contains("threadhound"));
    }

    @Override
    public Snapshot take() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        if (!jsonOnly) {
            try {
                return SnapshotBytes.read((byte[]) server.invoke(NAME, "snapshotBytes", null, null));
            } catch (JMException | IOException | RuntimeException e) {
                jsonOnly = true;
            }
        }
        try {
            return Json.readSnapshot((String) server.invoke(NAME, "snapshot", null, null));
        } catch (JMException e) {
            throw new IllegalStateException("threadhound: the agent's MBean failed to take a snapshot", e);
        } catch (IOException e) {
            throw new UncheckedIOException("threadhound: the agent's snapshot could not be read", e);
        }
    }

    @Override
    public boolean agent() {
        return true;
    }

    private static ObjectName objectName() {
        try {
            return new ObjectName("dev.threadhound:type=Agent");
        } catch (MalformedObjectNameException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
