package dev.threadhound.samples.audit;

import dev.threadhound.samples.SampleOptions;
import dev.threadhound.samples.Workload;

import java.time.Duration;
import java.util.List;

/** {@code audit [--duration=40s] [--bug=none|events-stop]}. */
public final class AuditWorkload implements Workload {

    static final List<String> BUGS = List.of("none", "events-stop");
    static final long FIRST_EVENT_MILLIS = 500;
    static final long EVENT_EVERY_MILLIS = 8_000;
    static final int EVENTS_BEFORE_STOP = 3;
    static final long INBOX_EVERY_MILLIS = 2_500;
    static final long COMPRESS_FOR_MILLIS = 15_000;

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public String help() {
        return String.join(System.lineSeparator(),
                "audit: an audit writer taking rare events from a static LinkedBlockingQueue (one every 8 s, the first",
                "       after 0.5 s), a poller handling an inbox with poll(1, SECONDS), and 15 s of busy compression",
                "  --duration=40s               how long it runs (default 40s)",
                "  --bug=none                   healthy: events keep coming; the writer waits between them, never stuck",
                "  --bug=events-stop            after 3 events no more come: the writer waits in take() for good");
    }

    @Override
    public int run(String[] args) throws Exception {
        SampleOptions options = SampleOptions.parse(name(), args, Duration.ofSeconds(40), BUGS);
        System.out.println("audit: mode=" + options.bug() + " running for " + options.duration().toMillis() + "ms");
        long start = System.currentTimeMillis();
        long end = start + options.duration().toMillis();
        AuditLog.startWriter();
        InboxPoller poller = new InboxPoller();
        Thread pollerThread = new Thread(poller, "audit-poller");
        pollerThread.setDaemon(true);
        pollerThread.start();
        Compressor compressor = new Compressor();
        Thread compressorThread = new Thread(() -> compressor.runUntil(start + COMPRESS_FOR_MILLIS), "audit-compressor");
        compressorThread.setDaemon(true);
        compressorThread.start();

        int sent = 0;
        long nextEvent = start + FIRST_EVENT_MILLIS;
        long nextItem = start + INBOX_EVERY_MILLIS;
        boolean stops = options.bug().equals("events-stop");
        while (System.currentTimeMillis() < end) {
            long now = System.currentTimeMillis();
            if (now >= nextEvent && !(stops && sent >= EVENTS_BEFORE_STOP)) {
                AuditLog.EVENTS.put("event " + ++sent + " at +" + (now - start) + "ms");
                nextEvent += EVENT_EVERY_MILLIS;
                if (stops && sent == EVENTS_BEFORE_STOP) {
                    System.out.println("audit: last event sent at +" + (now - start) + "ms");
                }
            }
            if (now >= nextItem) {
                poller.inbox.put("item at +" + (now - start) + "ms");
                nextItem += INBOX_EVERY_MILLIS;
            }
            Thread.sleep(100);
        }
        poller.stop();
        pollerThread.join(2_000);
        compressorThread.join(2_000);
        System.out.println("audit: sent " + sent + " events, poller handled " + poller.handled()
                + " chars, compressed " + compressor.compressedBytes() + " bytes; done");
        return 0;
    }
}
