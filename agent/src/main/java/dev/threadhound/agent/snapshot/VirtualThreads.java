package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.ThreadOrigin;
import dev.threadhound.model.ThreadRecord;

import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The virtual threads the probe saw start, as records: their states (a field read each), then the stacks the scan
 * asks for within the snapshot's budget. The JDK keeps no wait counts for them, so a kept stack stands while the
 * state stays the same. Each thread is looked at once per scan, as the registry hands it over
 * ({@link #scan}); only those whose stack was asked for are looked at again ({@link #records}), so a hundred thousand
 * parked threads cost one pass.
 */
final class VirtualThreads {

    private final StackFetcher fetcher;
    private final StackCache cache = new StackCache();
    private StackCache.Entry[] lastScan = new StackCache.Entry[0];

    private StackPolicy policy;
    private StackRequests requests;
    private Thread[] threads;
    private ThreadOrigin[] origins;
    private Thread.State[] states;
    private StackCache.Entry[] entries;
    private ThreadRecord[] records;
    private int size;

    VirtualThreads(StackFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** Starts a scan of about {@code expected} threads. */
    void begin(StackPolicy stackPolicy, int expected) {
        policy = stackPolicy;
        StackCache.Entry[] previous = lastScan;
        requests = new StackRequests(() -> StackCache.kindsWithStack(previous), policy.mostStacks());
        // a scan that failed before its records were made left its slots filled
        empty();
        int capacity = Math.max(16, Math.min(expected, 2 * lastScan.length));
        if (threads == null || threads.length < capacity || threads.length > 4 * capacity) {
            threads = new Thread[capacity];
            origins = new ThreadOrigin[capacity];
            states = new Thread.State[capacity];
            entries = new StackCache.Entry[capacity];
            records = new ThreadRecord[capacity];
        }
        cache.beginScan();
    }

    /** One live virtual thread of the registry. */
    void scan(Thread t, ThreadOrigin origin) {
        if (size == threads.length) {
            int more = size * 2;
            threads = Arrays.copyOf(threads, more);
            origins = Arrays.copyOf(origins, more);
            states = Arrays.copyOf(states, more);
            entries = Arrays.copyOf(entries, more);
            records = Arrays.copyOf(records, more);
        }
        int i = size++;
        Thread.State state = t.getState();
        StackCache.Entry entry = cache.check(cache.entry(t.getId(), origin), t.getId(), origin, state, -1, -1);
        threads[i] = t;
        origins[i] = origin;
        states[i] = state;
        entries[i] = entry;
        if (policy.wants(state, entry.verdict())) {
            requests.add(i, StackRequests.kind(origin.site(), state, null));
        } else {
            records[i] = record(i);
        }
    }

    /** The scan's records, once the stacks it asked for are taken. */
    List<ThreadRecord> records() {
        cache.forgetUnseen();
        lastScan = Arrays.copyOf(entries, size);
        fetcher.fetch(policy, requests, new StackFetcher.Scanned() {
            @Override
            public long id(int position) {
                return threads[position].getId();
            }

            @Override
            public Thread thread(int position) {
                return threads[position];
            }

            @Override
            public void taken(int position, List<String> stack, ThreadInfo fresh) {
                cache.store(entries[position], states[position], -1, -1, stack,
                        StackRequests.kind(origins[position].site(), states[position], null));
            }
        });
        List<ThreadRecord> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(records[i] != null ? records[i] : record(i));
        }
        empty();
        return out;
    }

    /**
     * The arrays serve the next scan too (five of a hundred thousand slots each were 2 MB a cycle), emptied once a
     * scan is done so that nothing of it is held past it but the entries in {@link #lastScan}: an ended thread can go.
     */
    private void empty() {
        if (threads != null) {
            Arrays.fill(threads, 0, size, null);
            Arrays.fill(origins, 0, size, null);
            Arrays.fill(states, 0, size, null);
            Arrays.fill(entries, 0, size, null);
            Arrays.fill(records, 0, size, null);
        }
        size = 0;
    }

    /** The entries of the last scan: the stacks in use. */
    StackCache.Entry[] lastScan() {
        return lastScan;
    }

    private ThreadRecord record(int i) {
        Thread t = threads[i];
        List<String> stack = policy.shown(states[i], entries[i], cache.cycle());
        ThreadRecord same = entries[i].recordFrom(states[i].ordinal(), stack);
        if (same != null && same.name().equals(t.getName())) {
            return same;
        }
        return entries[i].recorded(states[i].ordinal(), new ThreadRecord(t.getId(), t.getName(), true, true, states[i].name(),
                stack, null, -1, null, -1, -1, -1, origins[i].site().text(), origins[i].parentId(), null, 0,
                origins[i].startedAt(), null));
    }
}
