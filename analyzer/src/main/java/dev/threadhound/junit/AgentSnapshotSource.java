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
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Snapshots from the attached agent. They travel as data, so the test needs none of the agent's classes (which the
 * agent keeps out of the application's sight): as serialized model records, which cost a few milliseconds where a
 * first JSON snapshot costs a short test JVM about half a second of mapper warm-up on both sides.
 *
 * <p>They come through the agent's bridge in {@code java.base} ({@code java.lang.ThreadhoundHooks.snapshotBytes()}),
 * which the agent sets up in premain, so a test JVM never starts the platform MBean server for them. An agent of
 * another version (no such method, or records this analyzer cannot read) is asked through its MBean, as JSON when
 * need be.
 */
final class AgentSnapshotSource implements SnapshotSource {

    /**
     * An agent without the bridge's snapshots registers its MBean on a background thread, so a test that starts with
     * the JVM may have to wait.
     */
    private static final long REGISTRATION_WAIT_MS = 10_000;

    /** Set by the agent at the end of its premain. */
    private static final String RUNNING_PROPERTY = "threadhound.agent.version";

    /** {@code ThreadhoundHooks.snapshotBytes()} of an agent that runs in this JVM, or null. */
    private static final Method BRIDGE = bridge("snapshotBytes");
    /** {@code ThreadhoundHooks.checkStarting()}, or null (an agent from before it). */
    private static final Method CHECK_STARTING = bridge("checkStarting");

    /** Set once the wait has run out: an agent that stayed off (a bad option) must not cost every test the wait. */
    private static volatile boolean gaveUp;

    /** Set once serialized records could not be read (an agent of another version): JSON from then on. */
    private static volatile boolean jsonOnly;

    static boolean attached() {
        if (BRIDGE != null && System.getProperty(RUNNING_PROPERTY) != null) {
            return true;
        }
        ObjectName name = objectName();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        if (server.isRegistered(name) || !launchedWithAgent() || gaveUp) {
            return server.isRegistered(name);
        }
        long deadline = System.nanoTime() + REGISTRATION_WAIT_MS * 1_000_000;
        while (!server.isRegistered(name) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        gaveUp = !server.isRegistered(name);
        return !gaveUp;
    }

    private static boolean launchedWithAgent() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-javaagent:") && a.contains("threadhound"));
    }

    /** Set once a failure of the agent's snapshot was said on standard error. */
    private static volatile boolean saidFailure;

    /**
     * Set once the agent failed to take one of this check's snapshots: the check's other snapshot comes from the JVM
     * too, so that both see the same (threads only: an executor the agent saw before the test and the JVM cannot
     * show after it must not look new, nor the other way round).
     */
    private boolean failed;
    private final JvmThreadSource threadsOnly = new JvmThreadSource();

    /**
     * The agent's snapshot; the JVM's threads alone when the agent could not take one (it says why on its own
     * console): a check that cannot have creation sites, tasks and executors still checks threads, and the test
     * fails only for what it leaked.
     */
    @Override
    public Snapshot take() {
        if (!failed) {
            try {
                return fromAgent();
            } catch (RuntimeException e) {
                failed = true;
                if (!saidFailure) {
                    saidFailure = true;
                    System.err.println("threadhound: the agent could not take a snapshot (" + e + "): checks that meet"
                            + " this look at threads only");
                }
            }
        }
        return threadsOnly.take();
    }

    /** The agent failing to take a snapshot throws; an agent of another version is asked for JSON instead. */
    private Snapshot fromAgent() {
        if (!jsonOnly) {
            byte[] bytes;
            try {
                bytes = BRIDGE != null ? fromBridge() : null;
                if (bytes == null) {
                    bytes = (byte[]) mbean("snapshotBytes");
                }
            } catch (JMException noSuchOperation) {
                bytes = null;
            }
            if (bytes != null) {
                try {
                    return SnapshotBytes.read(bytes);
                } catch (IOException | RuntimeException unreadable) {
                    // records of a model this analyzer does not know
                }
            }
            jsonOnly = true;
        }
        try {
            return Json.readSnapshot((String) mbean("snapshot"));
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

    /** Task classes submitted from now on are named where this check's code submitted them. */
    @Override
    public void checkStarting() {
        if (CHECK_STARTING != null) {
            try {
                CHECK_STARTING.invoke(null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // an agent that cannot renew its sites names a task class where it was first submitted, as before
            }
        }
    }

    private static Object mbean(String operation) throws JMException {
        return ManagementFactory.getPlatformMBeanServer().invoke(objectName(), operation, null, null);
    }

    /** The bridge's snapshot, or null when no agent set it up. */
    private static byte[] fromBridge() {
        try {
            return (byte[]) BRIDGE.invoke(null);
        } catch (IllegalAccessException e) {
            return null;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("threadhound: the agent failed to take a snapshot", e.getCause());
        }
    }

    private static Method bridge(String method) {
        try {
            return Class.forName("java.lang.ThreadhoundHooks", false, null).getMethod(method);
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return null;
        }
    }

    private static ObjectName objectName() {
        try {
            return new ObjectName("dev.threadhound:type=Agent");
        } catch (MalformedObjectNameException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
