package dev.threadhound.samples.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a proof costs the application: a live heap of the given size (half small linked objects of 32 bytes, half
 * 1 KB arrays, so a gigabyte is some 17 million objects), a lost hand-off the agent finds, and its first automatic
 * proof. Run it under the agent with the limit above the heap and a short {@code stuckAfter}:
 *
 * <pre>
 * java -Xmx4g -javaagent:agent/target/threadhound-agent.jar=prove=4g,stuckAfter=1s,interval=250ms,port=0,jfr=off \
 *      -cp sample-apps/target/threadhound-samples.jar dev.threadhound.samples.bench.ProofCost 250
 * </pre>
 *
 * It prints the agent's own line ({@code heap dump of ... in ... s, analysis ... s}) and
 * {@code live=<MB> pause=<ms> retained=<MB> used=<MB>}: the longest stretch in which a thread of the application
 * that wakes every millisecond did not run (the dump's stop of the world); how far the heap in use right after a
 * collection rose above the live heap while the proof ran (what the analysis keeps); and how far the heap in use
 * rose at all (that, plus the garbage it leaves for the collector to take).
 */
public final class ProofCost {

    private static final int SMALL = 32;
    private static final int ARRAY = 1024;

    /** A small object: header, a long and two references. */
    private static final class Node {
        long value;
        Node next;
        Object payload;
    }

    private static volatile Object live;

    private ProofCost() {
    }

    public static void main(String[] args) throws Exception {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 50;
        PrintStream err = System.err;
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new TeeStream(err, said), true, StandardCharsets.UTF_8));

        live = allocate(megabytes << 20);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();

        AtomicLong longestGap = new AtomicLong();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicLong retained = new AtomicLong(afterCollection());
        Thread ticker = daemon("bench-ticker", () -> {
            long last = System.nanoTime();
            while (!Thread.currentThread().isInterrupted()) {
                sleep(1);
                long now = System.nanoTime();
                longestGap.accumulateAndGet(now - last, Math::max);
                last = now;
            }
        });
        Thread sampler = daemon("bench-heap", () -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                retained.accumulateAndGet(afterCollection(), Math::max);
                sleep(10);
            }
        });
        lostHandOff();

        long deadline = System.nanoTime() + 30L * 60 * 1_000_000_000L;
        String line = null;
        while (line == null && System.nanoTime() < deadline) {
            sleep(200);
            line = said.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("threadhound: prove: ")).findFirst().orElse(null);
        }
        ticker.interrupt();
        sampler.interrupt();
        System.out.println(line == null ? "no proof within 30 minutes" : line);
        System.out.printf(Locale.ROOT, "live=%d MB pause=%d ms retained=%d MB used=%d MB jdk=%s%n", baseline >> 20,
                longestGap.get() / 1_000_000, (retained.get() - baseline) >> 20, (peak.get() - baseline) >> 20,
                System.getProperty("java.version"));
    }

    /** Heap in use right after the last collection, summed over the heap's pools. */
    private static long afterCollection() {
        long sum = 0;
        for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            java.lang.management.MemoryUsage after = pool.getCollectionUsage();
            if (pool.getType() == java.lang.management.MemoryType.HEAP && after != null) {
                sum += after.getUsed();
            }
        }
        return sum;
    }

    private static List<Object> allocate(long bytes) {
        List<Object> roots = new ArrayList<>();
        long smallObjects = bytes / 2 / SMALL;
        Node head = null;
        for (long i = 0; i < smallObjects; i++) {
            Node n = new Node();
            n.value = i;
            n.next = head;
            head = n;
            if (i % 10_000 == 9_999) {
                roots.add(head);
                head = null;
            }
        }
        for (long i = 0; i < bytes / 2 / (ARRAY + 16); i++) {
            roots.add(new byte[ARRAY]);
        }
        return roots;
    }

    /** A consumer whose producer never comes: the agent's leak candidate. */
    private static void lostHandOff() {
        SynchronousQueue<String> handOff = new SynchronousQueue<>();
        daemon("bench-lost-consumer", () -> {
            try {
                handOff.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes to stderr and keeps a copy, to read the agent's line about the proof. */
    private static final class TeeStream extends java.io.OutputStream {
        private final PrintStream out;
        private final ByteArrayOutputStream copy;

        TeeStream(PrintStream out, ByteArrayOutputStream copy) {
            this.out = out;
            this.copy = copy;
        }

        @Override
        public synchronized void write(int b) {
            out.write(b);
            copy.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            out.write(b, off, len);
            copy.write(b, off, len);
        }
    }
}
