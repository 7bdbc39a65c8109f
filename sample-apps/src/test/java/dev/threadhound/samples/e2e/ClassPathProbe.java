package dev.threadhound.samples.e2e;

/**
 * Runs inside a child JVM that has the agent attached and the analyzer jar on its class path, and says what the
 * application can see: its own copy of the analyzer, none of the agent's classes.
 */
public final class ClassPathProbe {

    private ClassPathProbe() {
    }

    public static void main(String[] args) throws Exception {
        for (String name : new String[] {"dev.threadhound.agent.Agent", "dev.threadhound.agent.track.RecordingProbe",
                "dev.threadhound.shaded.org.objectweb.asm.ClassReader", "dev.threadhound.shaded.io.micrometer.core.instrument.MeterRegistry"}) {
            try {
                Class.forName(name);
                System.out.println("visible: " + name);
            } catch (ClassNotFoundException e) {
                System.out.println("hidden: " + name);
            }
        }
        Class<?> snapshot = Class.forName("dev.threadhound.model.Snapshot");
        System.out.println("Snapshot from: " + snapshot.getProtectionDomain().getCodeSource().getLocation());
        System.out.println("agent running: " + System.getProperty("threadhound.agent.version"));
        javax.management.ObjectName name = new javax.management.ObjectName("dev.threadhound:type=Agent");
        long deadline = System.currentTimeMillis() + 10_000;
        while (!java.lang.management.ManagementFactory.getPlatformMBeanServer().isRegistered(name)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        System.out.println("agent MBean: " + java.lang.management.ManagementFactory.getPlatformMBeanServer().isRegistered(name));
    }
}
