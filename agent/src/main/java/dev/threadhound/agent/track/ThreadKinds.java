package dev.threadhound.agent.track;

/**
 * {@code Thread.isVirtual()} where the JDK has it (21+): the agent is compiled for 17. Told by the class every
 * virtual thread extends, looked up once by name; a method handle to {@code isVirtual} would load the JDK's
 * method-handle machinery into every JVM the agent starts in, as soon as a task is first handed to a pool.
 */
public final class ThreadKinds {

    private static final Class<?> VIRTUAL = jdkClass("java.lang.BaseVirtualThread");
    /** The class of the threads that run virtual threads in the JDK's scheduler. */
    private static final Class<?> CARRIER = jdkClass("jdk.internal.misc.CarrierThread");

    private ThreadKinds() {
    }

    public static boolean isVirtual(Thread thread) {
        return VIRTUAL != null && VIRTUAL.isInstance(thread);
    }

    /** Whether this JDK has carrier threads of virtual threads (JDK 21 and later). */
    public static boolean carriersExist() {
        return CARRIER != null;
    }

    /** A carrier thread of the JDK's virtual threads (JDK 21 and later). */
    public static boolean isCarrier(Thread thread) {
        return CARRIER != null && CARRIER.isInstance(thread);
    }

    /** The class, neither initialized nor made to load anything else; null before JDK 21. */
    private static Class<?> jdkClass(String name) {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException beforeJdk21) {
            return null;
        }
    }
}
