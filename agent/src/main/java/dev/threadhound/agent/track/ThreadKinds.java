package dev.threadhound.agent.track;

/**
 * {@code Thread.isVirtual()} where the JDK has it (21+): the agent is compiled for 17. Told by the class every
 * virtual thread extends, looked up once by name; a method handle to {@code isVirtual} would load the JDK's
 * method-handle machinery into every JVM the agent starts in, as soon as a task is first handed to a pool.
 */
public final class ThreadKinds {

    private static final Class<?> VIRTUAL = virtualThreadClass();

    private ThreadKinds() {
    }

    public static boolean isVirtual(Thread thread) {
        return VIRTUAL != null && VIRTUAL.isInstance(thread);
    }

    private static Class<?> virtualThreadClass() {
        try {
            return Class.forName("java.lang.BaseVirtualThread", false, null);
        } catch (ClassNotFoundException beforeJdk21) {
            return null;
        }
    }
}
