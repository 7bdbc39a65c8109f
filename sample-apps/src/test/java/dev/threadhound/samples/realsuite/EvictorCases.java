package dev.threadhound.samples.realsuite;

import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A Commons Pool with idle-object eviction runs its evictor on {@code EvictionTimer}'s scheduled executor (thread
 * {@code commons-pool-evictor}), created by the first such pool and shut down when the last one closes.
 */
class EvictorCases {

    @Test
    void closesItsPool() throws Exception {
        GenericObjectPool<StringBuilder> pool = evictingPool();
        StringBuilder buffer = pool.borrowObject();
        pool.returnObject(buffer.append("ok"));
        pool.close();
        assertEquals(0, pool.getNumActive());
    }

    /** Never closed: the evictor keeps running. */
    @Test
    void leavesItsPoolOpen() throws Exception {
        GenericObjectPool<StringBuilder> pool = evictingPool();
        pool.returnObject(pool.borrowObject());
        assertEquals(1, pool.getNumIdle());
    }

    private static GenericObjectPool<StringBuilder> evictingPool() {
        GenericObjectPoolConfig<StringBuilder> config = new GenericObjectPoolConfig<>();
        config.setTimeBetweenEvictionRuns(Duration.ofMillis(200));
        return new GenericObjectPool<>(new BasePooledObjectFactory<>() {
            @Override
            public StringBuilder create() {
                return new StringBuilder();
            }

            @Override
            public PooledObject<StringBuilder> wrap(StringBuilder buffer) {
                return new DefaultPooledObject<>(buffer);
            }
        }, config);
    }
}
