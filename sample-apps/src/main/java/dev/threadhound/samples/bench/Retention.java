package dev.threadhound.samples.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Does the agent keep anything for tasks that have completed, or for threads that have ended? Runs a warm-up of a
 * million tasks and of as many short-lived threads as the measured phase, measures the heap in use after garbage
 * collection, runs ten million more tasks (through a ThreadPoolExecutor's {@code execute} and {@code submit}, and a
 * ForkJoinPool's {@code execute}) and the threads again, and measures again. The threads are virtual, one per task
 * of a virtual-thread-per-task executor as a server runs its requests, from JDK 21 on (200,000), and platform
 * threads started and joined 64 at a time before (20,000). Run it under the agent:
 *
 * <pre>
 * java -javaagent:agent/target/threadhound-agent.jar=port=0 \
 *      -cp sample-apps/target/threadhound-samples.jar dev.threadhound.samples.bench.Retention [tasks [threads]]
 * </pre>
 *
 * It prints {@code heap after GC: before=<bytes> after=<bytes> retained=<bytes> tasks=<completed>
 * threads=<ended>}, and whether the agent's bridge is in. Each phase uses fresh pools named alike, so the agent's
 * per-executor state (meters are per name) is the same in both.
 */
public final class Retention {

    private static final int WARM_UP_TASKS = 1_000_000;
    /** Three readings in a row this close count as settled. */
    private static final long STABLE_WITHIN = 64 * 1024;
    private static final int PLATFORM_BATCH = 64;

    private Retention() {
    }

    public static void main(String[] args) throws Exception {
        long tasks = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        boolean virtual = Runtime.version().feature() >= 21;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : virtual ? 200_000 : 20_000;
        runTasks(WARM_UP_TASKS);
        runThreads(threads, virtual);
        long before = settledUsedAfterGc();
        long completed = runTasks(tasks);
        long ended = runThreads(threads, virtual);
        long after = usedAfterGc();
        System.out.printf(Locale.ROOT, "heap after GC: before=%d after=%d retained=%d tasks=%d threads=%d%n",
                before, after, after - before, completed, ended);
        System.out.println("agent: " + (agentPresent() ? "present" : "absent"));
    }

    /** The bridge the agent defines in java.base at start, before {@code main}. */
    private static boolean agentPresent() {
        try {
            Class.forName("java.lang.ThreadhoundHooks", false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Eight tenths through ThreadPoolExecutor.execute, one tenth each through submit and ForkJoinPool.execute. */
    private static long runTasks(long tasks) {
        LongAdder done = new LongAdder();
        int tenth = (int) (tasks / 10);
        ExecutorService tpe = TaskFlood.twoWorkerPool("retention-tpe");
        TaskFlood.execute(tpe, (int) (tasks - 2L * tenth), i -> done::increment);
        TaskFlood.submit(tpe, tenth, i -> done::increment);
        TaskFlood.drain(tpe);
        ExecutorService fjp = TaskFlood.twoWorkerForkJoinPool();
        TaskFlood.execute(fjp, tenth, i -> done::increment);
        TaskFlood.drain(fjp);
        return done.sum();
    }

    /** {@code count} threads, each ended by the time this returns; how many ran. */
    private static long runThreads(int count, boolean virtual) throws Exception {
        LongAdder done = new LongAdder();
        if (virtual) {
            // through the JDK 21 API by reflection: the samples are built for 17
            ExecutorService perTask = (ExecutorService) Executors.class
                    .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
            for (int i = 0; i < count; i++) {
                perTask.execute(done::increment);
            }
            perTask.shutdown();
            perTask.awaitTermination(1, TimeUnit.MINUTES);
            return done.sum();
        }
        for (int started = 0; started < count; started += PLATFORM_BATCH) {
            Thread[] batch = new Thread[Math.min(PLATFORM_BATCH, count - started)];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = new Thread(done::increment, "retention-thread");
                batch[i].start();
            }
            for (Thread t : batch) {
                t.join();
            }
        }
        return done.sum();
    }

    /**
     * Heap in use after GC once it has stopped moving: the agent builds some state once, a second or so after it
     * starts (the JFR stream's parser after its first flush), which is not retention for tasks.
     */
    static long settledUsedAfterGc() throws InterruptedException {
        long[] last = {-STABLE_WITHIN, STABLE_WITHIN * 2, STABLE_WITHIN * 4};
        long latest = 0;
        for (int reading = 0; reading < 15; reading++) {
            latest = usedAfterGc();
            last[reading % 3] = latest;
            long min = Math.min(last[0], Math.min(last[1], last[2]));
            long max = Math.max(last[0], Math.max(last[1], last[2]));
            if (max - min < STABLE_WITHIN) {
                System.out.println("heap settled after " + (reading + 1) + " readings");
                return latest;
            }
        }
        System.out.println("heap did not settle: " + Arrays.toString(last));
        return latest;
    }

    /**
     * Heap in use after full collections: the lowest of several readings, since the agent's own threads allocate
     * between a collection and the reading, while anything retained for good is in every reading.
     */
    static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            Thread.sleep(150);
            lowest = Math.min(lowest, memory.getHeapMemoryUsage().getUsed());
        }
        return lowest;
    }
}
