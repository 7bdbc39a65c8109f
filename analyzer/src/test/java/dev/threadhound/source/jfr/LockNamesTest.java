package dev.threadhound.source.jfr;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LockNamesTest {

    @Test
    void locksAreNamedAsTheirUsersWroteThem() {
        assertThat(LockNames.readable("java.util.concurrent.locks.ReentrantLock$NonfairSync"))
                .isEqualTo("java.util.concurrent.locks.ReentrantLock");
        assertThat(LockNames.readable("java.util.concurrent.locks.ReentrantReadWriteLock$FairSync"))
                .isEqualTo("java.util.concurrent.locks.ReentrantReadWriteLock");
        assertThat(LockNames.readable("com.acme.Cache")).isEqualTo("com.acme.Cache");
    }

    @Test
    void waitingForAResultOrASignalIsNotContention() {
        assertThat(LockNames.lock("java.util.concurrent.FutureTask")).isFalse();
        assertThat(LockNames.lock("java.util.concurrent.CompletableFuture$Signaller")).isFalse();
        assertThat(LockNames.lock("java.util.concurrent.CountDownLatch$Sync")).isFalse();
        assertThat(LockNames.lock("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject")).isFalse();
        assertThat(LockNames.lock("java.util.concurrent.SynchronousQueue$TransferStack")).isFalse();
        assertThat(LockNames.lock("com.google.common.util.concurrent.CollectionFuture$ListFuture"))
                .as("a library's own future, parked on itself").isFalse();
        assertThat(LockNames.lock("kotlinx.coroutines.BlockingCoroutine")).isFalse();
    }

    @Test
    void locksAndPermitsAreContention() {
        assertThat(LockNames.lock("java.util.concurrent.locks.ReentrantLock$NonfairSync")).isTrue();
        assertThat(LockNames.lock("java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync")).isTrue();
        assertThat(LockNames.lock("java.util.concurrent.Semaphore$NonfairSync")).isTrue();
        assertThat(LockNames.lock("java.util.concurrent.locks.StampedLock")).isTrue();
        assertThat(LockNames.lock("java.util.concurrent.SemaphoreLike")).as("a prefix is not a match").isFalse();
    }
}
