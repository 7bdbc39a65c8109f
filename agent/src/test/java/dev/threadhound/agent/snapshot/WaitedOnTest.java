package dev.threadhound.agent.snapshot;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class WaitedOnTest {

    @Test
    void onlyObjectsOfAThreadClassAreKeptAndFoundByHashThenByName() {
        WaitedOn.Collector collector = new WaitedOn.Collector(Set.of("java.lang.Thread",
                "io.netty.util.concurrent.FastThreadLocalThread"));
        collector.waitsOn("java.util.concurrent.CountDownLatch$Sync@1f");
        collector.waitsOn("io.netty.util.concurrent.FastThreadLocalThread@2a");
        collector.waitsOn("java.lang.ThreadGroup@3b");
        collector.waitsOn(null);
        WaitedOn waited = collector.done();

        assertThat(waited.isEmpty()).isFalse();
        assertThat(waited.mayBe(0x2a)).isTrue();
        assertThat(waited.is("io.netty.util.concurrent.FastThreadLocalThread@2a")).isTrue();
        assertThat(waited.mayBe(0x1f)).as("a latch is no thread").isFalse();
        assertThat(waited.mayBe(0x3b)).as("a class whose name only begins like a thread's").isFalse();
    }

    @Test
    void tenThousandThreadsEachWaitingOnAnObjectOfItsOwnKeepNothing() {
        WaitedOn.Collector collector = new WaitedOn.Collector(Set.of("java.lang.Thread"));
        for (int i = 1; i <= 10_000; i++) {
            collector.waitsOn("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@" + Integer.toHexString(i));
        }
        assertThat(collector.done()).isSameAs(WaitedOn.NOTHING);
    }
}
