package dev.threadhound.samples.libraries;

import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;

/** A commons-pool2 pool of string buffers with the pool's defaults, as the programs here use one (2.6.0 and 2.12.0). */
final class BufferPools {

    private BufferPools() {
    }

    static GenericObjectPool<StringBuilder> create() {
        return new GenericObjectPool<>(new BasePooledObjectFactory<>() {
            @Override
            public StringBuilder create() {
                return new StringBuilder();
            }

            @Override
            public PooledObject<StringBuilder> wrap(StringBuilder buffer) {
                return new DefaultPooledObject<>(buffer);
            }
        });
    }
}
