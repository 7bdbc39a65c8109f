package dev.threadhound.source.jfr;

import dev.threadhound.model.ContentionRecord;
import dev.threadhound.model.PinningRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContentionWindowTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final long MS = 1_000_000L;

    private final ContentionWindow window = new ContentionWindow(Duration.ofSeconds(60), 12, 3, 2);

    @Test
    void sumsWaitsPerLockKindAndSite() {
        window.waited("com.acme.Ledger", "monitor", site("Ledger.post"), 1, T0, 30 * MS);
        window.waited("com.acme.Ledger", "monitor", site("Ledger.post"), 2, T0 + 10, 20 * MS);
        window.waited("com.acme.Ledger", "monitor", site("Ledger.audit"), 1, T0 + 20, 5 * MS);

        assertThat(window.contention(T0 + 1_000)).containsExactly(
                new ContentionRecord("com.acme.Ledger", "monitor", site("Ledger.post"), 50, 2, 2, List.of(1L, 2L)),
                new ContentionRecord("com.acme.Ledger", "monitor", site("Ledger.audit"), 5, 1, 1, List.of(1L)));
    }

    @Test
    void keysBeyondTheLimitAreCountedUnderOther() {
        for (int i = 0; i < 10; i++) {
            window.waited("com.acme.Lock" + i, "park", site("Site" + i), i, T0, (10 + i) * MS);
        }

        List<ContentionRecord> records = window.contention(T0);

        assertThat(records).hasSize(4);
        assertThat(records.get(3).lock()).isEqualTo(ContentionWindow.OTHER);
        assertThat(records.stream().mapToLong(ContentionRecord::count).sum()).isEqualTo(10);
        assertThat(records.stream().mapToLong(ContentionRecord::durationMs).sum()).isEqualTo(145);
    }

    @Test
    void distinctThreadsAreCappedSoOneHotLockCannotGrowWithoutBound() {
        for (int thread = 0; thread < 1_000; thread++) {
            window.waited("com.acme.Ledger", "monitor", site("Ledger.post"), thread, T0, MS);
        }

        ContentionRecord only = window.contention(T0).get(0);
        assertThat(only.count()).isEqualTo(1_000);
        assertThat(only.threadCount()).isEqualTo(2);
    }

    @Test
    void waitsLeaveTheWindowAfterItsLength() {
        window.waited("com.acme.Old", "monitor", site("Old.run"), 1, T0, 40 * MS);
        window.waited("com.acme.New", "monitor", site("New.run"), 1, T0 + 30_000, 40 * MS);

        assertThat(window.contention(T0 + 50_000)).extracting(ContentionRecord::lock).containsExactlyInAnyOrder("com.acme.Old", "com.acme.New");
        assertThat(window.contention(T0 + 65_000)).extracting(ContentionRecord::lock).containsExactly("com.acme.New");
        assertThat(window.contention(T0 + 95_000)).isEmpty();
    }

    @Test
    void aWaitOlderThanTheWindowIsDropped() {
        window.waited("com.acme.New", "monitor", site("New.run"), 1, T0 + 120_000, 40 * MS);
        window.waited("com.acme.Late", "monitor", site("Late.run"), 1, T0, 40 * MS);

        assertThat(window.contention(T0 + 120_000)).extracting(ContentionRecord::lock).containsExactly("com.acme.New");
    }

    @Test
    void pinningIsSummedPerSite() {
        window.pinned(site("Cache.refresh"), 7, T0, 25 * MS);
        window.pinned(site("Cache.refresh"), 8, T0 + 5, 25 * MS);

        assertThat(window.pinning(T0 + 10)).containsExactly(new PinningRecord(site("Cache.refresh"), 50, 2));
        assertThat(window.pinning(T0 + 61_000)).isEmpty();
    }

    private static List<String> site(String method) {
        return List.of("com.acme." + method + "(X.java:1)");
    }
}
