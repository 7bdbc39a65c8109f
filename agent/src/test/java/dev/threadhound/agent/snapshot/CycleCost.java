package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.ExecutorRegistry;
import dev.threadhound.agent.track.RecordingProbe;
import dev.threadhound.agent.track.TaskSites;
import dev.threadhound.agent.track.ThreadRegistry;
import dev.threadhound.detect.DetectOptions;
import dev.threadhound.detect.Detector;
import dev.threadhound.detect.Detectors;
import dev.threadhound.model.ProgressCarrier;
import dev.threadhound.model.Snapshot;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * What one detector cycle costs with many threads, in this JVM and without the agent's other work: N platform
 * threads parked on one latch, registered as the start hook would, then rounds of cycles (snapshot, progress carried
 * over, the standard detectors) with the wall time, CPU time and bytes allocated of each part per cycle. A benchmark,
 * not a test: it prints figures and never fails.
 *
 * <pre>
 * mvn -q -o -pl agent test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -Xss256k -cp agent/target/test-classes:agent/target/classes:analyzer/target/classes:$(cat agent/target/classpath.txt) \
 *      dev.threadhound.agent.snapshot.CycleCost [threads=10000] [cycles=60] [rounds=4] [pauseMillis=0] [pauseFromRound=0] \
 *      [evictMegabytes=0]
 * </pre>
 *
 * With a pause between cycles (the agent paces them seconds apart at this size) the code is less compiled and the
 * caches colder, as in the agent's first minute; pausing only from a later round shows what the pauses cost once the
 * code had its back-to-back rounds. {@code evictMegabytes} writes through that much other memory before each of those
 * cycles instead (768 with {@code -Xmx2g}: more than the machine's last-level cache): what reading every thread's
 * objects out of memory costs, without the pause's other effects.
 */
public final class CycleCost {

    private CycleCost() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int cycles = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        long pause = args.length > 3 ? Long.parseLong(args[3]) : 0;
        int pauseFrom = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        int evictMb = args.length > 5 ? Integer.parseInt(args[5]) : 0;

        ThreadRegistry registry = new ThreadRegistry();
        ExecutorRegistry executors = new ExecutorRegistry();
        TaskSites sites = new TaskSites();
        RecordingProbe probe = new RecordingProbe(registry, executors, sites);
        SnapshotBuilder builder = new SnapshotBuilder(registry, executors, sites);
        CountDownLatch never = new CountDownLatch(1);
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "parked-" + i);
            t.setDaemon(true);
            probe.threadStarting(t);
            t.start();
        }
        Thread.sleep(2_000);
        // named as the agent's loop is: a thread running the cycle is one of the agent's, never looked at
        Thread loop = new Thread(() -> cycles(builder, threads, cycles, rounds, pause, pauseFrom, evictMb), "threadhound-loop");
        loop.start();
        loop.join();
        System.exit(0);
    }

    private static void cycles(SnapshotBuilder builder, int threads, int cycles, int rounds, long pause,
                               int pauseFrom, int evictMb) {
        long[] evict = new long[evictMb * 131_072];
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long me = Thread.currentThread().getId();
        DetectOptions options = DetectOptions.defaults().withStuckAfter(Duration.ofSeconds(5));
        List<Detector> detectors = Detectors.standard();
        ProgressCarrier progress = new ProgressCarrier();
        System.out.printf(Locale.ROOT, "cycle cost: %d parked platform threads, JDK %d, %d cycles a round, %d ms apart%n",
                threads, Runtime.version().feature(), cycles, pause);
        for (int round = 0; round < rounds; round++) {
            long wall = 0;
            long snapshotCpu = 0;
            long carryCpu = 0;
            long detectCpu = 0;
            long snapshotWall = 0;
            long allocated = 0;
            for (int c = 0; c < cycles; c++) {
                long startWall = System.nanoTime();
                long startAlloc = mx.getThreadAllocatedBytes(me);
                long t0 = mx.getCurrentThreadCpuTime();
                Snapshot built = builder.build(false);
                long t1 = mx.getCurrentThreadCpuTime();
                snapshotWall += System.nanoTime() - startWall;
                Snapshot current = progress.carry(built);
                builder.adopt(built.threads(), current.threads());
                long t2 = mx.getCurrentThreadCpuTime();
                Detectors.run(current, options, detectors);
                long t3 = mx.getCurrentThreadCpuTime();
                allocated += mx.getThreadAllocatedBytes(me) - startAlloc;
                wall += System.nanoTime() - startWall;
                snapshotCpu += t1 - t0;
                carryCpu += t2 - t1;
                detectCpu += t3 - t2;
                if (evict.length > 0 && round >= pauseFrom) {
                    // another program's memory through the caches, as between cycles seconds apart
                    for (int k = 0; k < evict.length; k += 8) {
                        evict[k] += k;
                    }
                }
                if (pause > 0 && round >= pauseFrom) {
                    try {
                        Thread.sleep(pause);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "round %d: %.1f ms wall, %.1f ms CPU (snapshot %.1f in %.1f of wall, carried"
                            + " over %.1f, detectors %.1f), %.0f KB allocated, per cycle%n", round, wall / 1e6 / cycles,
                    (snapshotCpu + carryCpu + detectCpu) / 1e6 / cycles, snapshotCpu / 1e6 / cycles,
                    snapshotWall / 1e6 / cycles,
                    carryCpu / 1e6 / cycles, detectCpu / 1e6 / cycles, allocated / 1024.0 / cycles);
        }
    }
}
