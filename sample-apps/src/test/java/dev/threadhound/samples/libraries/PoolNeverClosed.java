package dev.threadhound.samples.libraries;

import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;

/**
 * An Apache commons-pool2 {@link GenericObjectPool} with an evictor, used once and never closed, then {@code main}
 * returns. Up to commons-pool2 2.6.0 the evictor's thread is not a daemon, so the JVM never exits; 2.6.1 made it a
 * daemon. {@code --fixed}: the pool is closed.
 */
public final class PoolNeverClosed {

    private PoolNeverClosed() {
    }

    // setTimeBetweenEvictionRunsMillis is deprecated in 2.12 but is the one setter 2.6.0 has too
    @SuppressWarnings("deprecation")
    public static void main(String[] args) throws Exception {
        GenericObjectPool<StringBuilder> pool = new GenericObjectPool<>(new BasePooledObjectFactory<>() {
            @Override
            public StringBuilder create() {
                return new StringBuilder();
            }

            @Override
            public PooledObject<StringBuilder> wrap(StringBuilder buffer) {
                return new DefaultPooledObject<>(buffer);
            }
        });
        pool.setTimeBetweenEvictionRunsMillis(100);
        StringBuilder buffer = pool.borrowObject();
        buffer.append("report");
        pool.returnObject(buffer);
        if (args.length > 0 && args[0].equals("--fixed")) {
            pool.close();
        }
        System.out.println("commons-pool: borrowed and returned; main returns");
    }
}
