package dev.threadhound.samples.libraries;

import org.apache.commons.pool2.impl.GenericObjectPool;

/**
 * An Apache commons-pool2 {@link GenericObjectPool} with an evictor, used once and never closed, then {@code main}
 * returns. Up to commons-pool2 2.6.0 the evictor's thread is not a daemon, so the JVM never exits; 2.6.1 made it a
 * daemon. {@code --fixed}: the pool is closed. {@code --per-call}: a pool made for each of a dozen calls and never
 * closed, as a Jedis pool per call is: every pool's evictor runs on the library's one shared scheduler, so no thread
 * piles up, but the evictors do (the platform's JMX server holds each pool, as it registers every pool it makes).
 */
public final class PoolNeverClosed {

    private static final int CALLS = 12;

    private PoolNeverClosed() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        if (mode.equals("--per-call")) {
            for (int call = 0; call < CALLS; call++) {
                lookUp("customer-" + call);
                Thread.sleep(400);
            }
            // nothing more is asked, to the end: the evictors keep running every 100 ms
            Thread.sleep(6_000);
            System.out.println("commons-pool: " + CALLS + " calls, a pool each; done");
            System.exit(0);
        }
        GenericObjectPool<StringBuilder> pool = pool();
        StringBuilder buffer = pool.borrowObject();
        buffer.append("report");
        pool.returnObject(buffer);
        if (mode.equals("--fixed")) {
            pool.close();
        }
        System.out.println("commons-pool: borrowed and returned; main returns");
    }

    /** The bug: a pool for one call, never closed. */
    private static String lookUp(String key) throws Exception {
        GenericObjectPool<StringBuilder> pool = pool();
        StringBuilder buffer = pool.borrowObject();
        try {
            return buffer.append(key).toString();
        } finally {
            pool.returnObject(buffer);
        }
    }

    // setTimeBetweenEvictionRunsMillis is deprecated in 2.12 but is the one setter 2.6.0 has too
    @SuppressWarnings("deprecation")
    private static GenericObjectPool<StringBuilder> pool() {
        GenericObjectPool<StringBuilder> pool = BufferPools.create();
        pool.setTimeBetweenEvictionRunsMillis(100);
        return pool;
    }
}
