package dev.threadhound.samples;

import java.util.concurrent.ThreadFactory;

/** Virtual threads through the JDK 21 API, looked up so that the samples, built for JDK 17, still load on 17. */
public final class VirtualThreadFactory {

    private VirtualThreadFactory() {
    }

    /** Virtual threads all named {@code name}. */
    public static ThreadFactory named(String name) throws ReflectiveOperationException {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        builder = builderType().getMethod("name", String.class).invoke(builder, name);
        return factory(builder);
    }

    /** Virtual threads named {@code prefix} and a counter from {@code first}. */
    public static ThreadFactory numbered(String prefix, long first) throws ReflectiveOperationException {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        builder = builderType().getMethod("name", String.class, long.class).invoke(builder, prefix, first);
        return factory(builder);
    }

    private static ThreadFactory factory(Object builder) throws ReflectiveOperationException {
        return (ThreadFactory) builderType().getMethod("factory").invoke(builder);
    }

    private static Class<?> builderType() throws ClassNotFoundException {
        return Class.forName("java.lang.Thread$Builder");
    }
}
