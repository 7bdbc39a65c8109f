package dev.threadhound.source.jfr;

import dev.threadhound.model.ContentionRecord;
import dev.threadhound.model.PinningRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Contention and pinning over a sliding window, in bounded memory: a ring of time buckets, each holding at most
 * {@code maxKeys} keys (lock class, kind, site) plus one {@value #OTHER} key per kind that takes the rest, each key
 * remembering at most {@code maxThreads} thread ids. Memory is therefore bounded by buckets x keys x threads, never
 * by the number of events. Events too old for the window are dropped.
 *
 * <p>Thread-safe: the JFR stream's thread adds, the detector loop reads; both hold the window's lock only for
 * map updates.
 */
public final class ContentionWindow {

    public static final String OTHER = "other";
    /** Thread ids a record names, enough for a finding to list who waited. */
    static final int THREAD_IDS_KEPT = 16;

    private final long widthMillis;
    private final Bucket[] ring;
    private final int maxKeys;
    private final int maxThreads;

    public ContentionWindow(Duration window, int buckets, int maxKeys, int maxThreads) {
        if (buckets < 1 || maxKeys < 1 || maxThreads < 1 || window.toMillis() < buckets) {
            throw new IllegalArgumentException("window " + window + " with " + buckets + " buckets, " + maxKeys + " keys");
        }
        this.widthMillis = window.toMillis() / buckets;
        this.ring = new Bucket[buckets];
        this.maxKeys = maxKeys;
        this.maxThreads = maxThreads;
    }

    /** The agent's window: the last minute in 5-second buckets, 100 keys. */
    public static ContentionWindow lastMinute() {
        return new ContentionWindow(Duration.ofSeconds(60), 12, 100, 256);
    }

    /** One bucket that never expires: a recording file is analyzed as a whole. */
    public static ContentionWindow wholeRecording() {
        return new ContentionWindow(Duration.ofDays(365L * 1000), 1, 1000, 4096);
    }

    public synchronized void waited(String lock, String kind, List<String> site, long threadId, long endMillis, long nanos) {
        Bucket bucket = bucketFor(endMillis);
        if (bucket == null) {
            return;
        }
        WaitKey key = new WaitKey(lock, kind, site);
        Tally tally = bucket.waits.get(key);
        if (tally == null) {
            if (bucket.waits.size() >= maxKeys) {
                key = WaitKey.other(kind);
            }
            tally = bucket.waits.computeIfAbsent(key, k -> new Tally());
        }
        tally.add(threadId, nanos, maxThreads);
    }

    public synchronized void pinned(List<String> site, long threadId, long endMillis, long nanos) {
        Bucket bucket = bucketFor(endMillis);
        if (bucket == null) {
            return;
        }
        Tally tally = bucket.pins.get(site);
        if (tally == null) {
            tally = bucket.pins.computeIfAbsent(bucket.pins.size() >= maxKeys ? List.of(OTHER) : site, k -> new Tally());
        }
        tally.add(threadId, nanos, maxThreads);
    }

    /** Waits in the window ending at {@code nowMillis}, longest total first, at most {@code maxKeys} (+ other). */
    public synchronized List<ContentionRecord> contention(long nowMillis) {
        Map<WaitKey, Tally> merged = new HashMap<>();
        for (Bucket b : live(nowMillis)) {
            b.waits.forEach((k, t) -> merged.computeIfAbsent(k, x -> new Tally()).addAll(t, maxThreads));
        }
        List<Map.Entry<WaitKey, Tally>> entries = new ArrayList<>(merged.entrySet());
        entries.sort(Comparator.comparingLong((Map.Entry<WaitKey, Tally> e) -> -e.getValue().nanos)
                .thenComparing(e -> e.getKey().lock()));
        List<ContentionRecord> out = new ArrayList<>();
        Map<String, Tally> overflow = new HashMap<>();
        for (Map.Entry<WaitKey, Tally> e : entries) {
            WaitKey k = e.getKey();
            if (out.size() < maxKeys && !OTHER.equals(k.lock())) {
                out.add(record(k, e.getValue()));
            } else {
                overflow.computeIfAbsent(k.kind(), x -> new Tally()).addAll(e.getValue(), maxThreads);
            }
        }
        overflow.forEach((kind, t) -> out.add(record(WaitKey.other(kind), t)));
        return out;
    }

    /** Pinnings in the window ending at {@code nowMillis}, longest total first. */
    public synchronized List<PinningRecord> pinning(long nowMillis) {
        Map<List<String>, Tally> merged = new HashMap<>();
        for (Bucket b : live(nowMillis)) {
            b.pins.forEach((k, t) -> merged.computeIfAbsent(k, x -> new Tally()).addAll(t, maxThreads));
        }
        return merged.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<List<String>, Tally> e) -> -e.getValue().nanos))
                .limit(maxKeys + 1L)
                .map(e -> new PinningRecord(e.getKey(), millis(e.getValue().nanos), e.getValue().count))
                .toList();
    }

    private static ContentionRecord record(WaitKey k, Tally t) {
        return new ContentionRecord(k.lock(), k.kind(), k.site(), millis(t.nanos), t.count, t.threads.size(),
                t.threads.stream().sorted().limit(THREAD_IDS_KEPT).toList());
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1_000_000.0);
    }

    /** The bucket holding {@code millis}, recycling the slot of a bucket that has left the window; null if too old. */
    private Bucket bucketFor(long millis) {
        long index = Math.floorDiv(millis, widthMillis);
        int slot = (int) Math.floorMod(index, (long) ring.length);
        Bucket b = ring[slot];
        if (b == null || b.index < index) {
            b = new Bucket(index);
            ring[slot] = b;
        } else if (b.index > index) {
            return null;
        }
        return b;
    }

    private List<Bucket> live(long nowMillis) {
        long oldest = Math.floorDiv(nowMillis, widthMillis) - ring.length + 1;
        List<Bucket> out = new ArrayList<>(ring.length);
        for (Bucket b : ring) {
            if (b != null && b.index >= oldest) {
                out.add(b);
            }
        }
        return out;
    }

    private static final class Bucket {
        final long index;
        final Map<WaitKey, Tally> waits = new HashMap<>();
        final Map<List<String>, Tally> pins = new HashMap<>();

        Bucket(long index) {
            this.index = index;
        }
    }
}
