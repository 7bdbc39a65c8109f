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
        assertThat(LockNames.notALock("java.util.concurrent.FutureTask")).isTrue();
        assertThat(LockNames.notALock("java.util.concurrent.CompletableFuture$Signaller")).isTrue();
        assertThat(LockNames.notALock("java.util.concurrent.CountDownLatch$Sync")).isTrue();
        assertThat(LockNames.notALock("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject")).isTrue();
        assertThat(LockNames.notALock("java.util.concurrent.SynchronousQueue$TransferStack")).isTrue();
    }

    @Test
    void locksAndPermitsAreContention() {
        assertThat(LockNames.notALock("java.util.concurrent.locks.ReentrantLock$NonfairSync")).isFalse();
        assertThat(LockNames.notALock("java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync")).isFalse();
        assertThat(LockNames.notALock("java.util.concurrent.Semaphore$NonfairSync")).isFalse();
        assertThat(LockNames.notALock("java.util.concurrent.locks.StampedLock")).isFalse();
        assertThat(LockNames.notALock("java.util.concurrent.FutureTaskLike")).as("a prefix is not a match").isFalse();
    }
}
