package dev.threadhound.samples.libraries;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A thread per task as a JDK 21 service makes them: virtual threads where the JDK has them (these programs are
 * compiled for JDK 17, so the API is looked up), else daemon platform threads, named {@code prefix} and a counter.
 */
final class ThreadPerTask {

    private ThreadPerTask() {
    }

    static ThreadFactory factory(String prefix) throws ReflectiveOperationException {
        if (Runtime.version().feature() < 21) {
            AtomicLong n = new AtomicLong();
            return r -> {
                Thread t = new Thread(r, prefix + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Class<?> builderType = Class.forName("java.lang.Thread$Builder");
        builder = builderType.getMethod("name", String.class, long.class).invoke(builder, prefix, 1L);
        return (ThreadFactory) builderType.getMethod("factory").invoke(builder);
    }
}
