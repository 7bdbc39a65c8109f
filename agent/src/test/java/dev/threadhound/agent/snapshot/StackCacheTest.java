package dev.threadhound.agent.snapshot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StackCacheTest {

    @Test
    void aSettledThreadIsReadEveryFourthScanAtFirstAndLessOftenTheLongerItStaysParkedNeverBeyondAQuarterOfThat() {
        assertThat(StackCache.readEvery(StackCache.SETTLED_SCANS)).isEqualTo(4);
        assertThat(StackCache.readEvery(31)).isEqualTo(4);
        assertThat(StackCache.readEvery(32)).isEqualTo(8);
        assertThat(StackCache.readEvery(64)).isEqualTo(16);
        assertThat(StackCache.readEvery(128)).isEqualTo(32);
        assertThat(StackCache.readEvery(1_000_000)).isEqualTo(StackCache.READ_EVERY_MOST);
        for (int unchanged = 32; unchanged < 10_000; unchanged++) {
            assertThat(StackCache.readEvery(unchanged)).isLessThanOrEqualTo(unchanged / 4);
        }
    }
}
