package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.ThreadOrigin;
import dev.threadhound.model.ThreadRecord;

import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The virtual threads the probe saw start, as records: their states (a field read each), then the stacks the scan
 * asks for within the snapshot's budget. The JDK keeps no wait counts for them, so a kept stack stands while the
 * state stays the same.
 */
final class VirtualThreads {

    private final StackFetcher fetcher;
    private final StackCache cache = new StackCache();
    private StackCache.Entry[] lastScan = new StackCache.Entry[0];

    VirtualThreads(StackFetcher fetcher) {
        this.fetcher = fetcher;
    }

    List<ThreadRecord> records(StackPolicy policy, List<Thread> threads, List<ThreadOrigin> origins) {
        StackRequests requests = new StackRequests();
        Thread.State[] states = new Thread.State[threads.size()];
        StackCache.Entry[] entries = new StackCache.Entry[threads.size()];
        cache.beginScan();
        for (int i = 0; i < threads.size(); i++) {
            Thread t = threads.get(i);
            ThreadOrigin origin = origins.get(i);
            states[i] = t.getState();
            entries[i] = cache.check(cache.entry(t.getId(), origin), t.getId(), origin, states[i], -1, -1);
            if (policy.wants(states[i], entries[i].verdict())) {
                requests.add(i, StackRequests.kind(origin.site(), states[i], null));
            }
        }
        cache.forgetUnseen();
        lastScan = entries;
        fetcher.fetch(policy, requests, entries, new StackFetcher.Scanned() {
            @Override
            public long id(int position) {
                return threads.get(position).getId();
            }

            @Override
            public Thread thread(int position) {
                return threads.get(position);
            }

            @Override
            public void taken(int position, List<String> stack, ThreadInfo fresh) {
                cache.store(entries[position], states[position], -1, -1, stack,
                        StackRequests.kind(origins.get(position).site(), states[position], null));
            }
        });
        long cycle = cache.cycle();
        List<ThreadRecord> out = new ArrayList<>(threads.size());
        for (int i = 0; i < threads.size(); i++) {
            Thread t = threads.get(i);
            ThreadOrigin origin = origins.get(i);
            out.add(new ThreadRecord(t.getId(), t.getName(), true, true, states[i].name(),
                    policy.shown(states[i], entries[i], cycle), null, -1, null, -1, -1, -1,
                    origin.site().text(), origin.parentId(), null, 0));
        }
        return out;
    }

    /** The entries of the last scan: the stacks in use. */
    StackCache.Entry[] lastScan() {
        return lastScan;
    }
}
