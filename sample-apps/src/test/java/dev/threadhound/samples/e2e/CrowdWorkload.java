package dev.threadhound.samples.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads parked for good at one line, started at one line, in waves: {@code platform|virtual <n> [<file>]} starts
 * {@code n} threads, prints {@code parked <total>} once all are parked and, when a file is named, starts {@code n}
 * more once that file exists. Runs until killed.
 */
public final class CrowdWorkload {

    private static final CountDownLatch NEVER = new CountDownLatch(1);
    private static final AtomicInteger PARKED = new AtomicInteger();

    private CrowdWorkload() {
    }

    public static void main(String[] args) throws Exception {
        ThreadFactory factory = factory(args[0]);
        int n = Integer.parseInt(args[1]);
        Path nextWave = args.length > 2 ? Path.of(args[2]) : null;
        int waves = nextWave == null ? 1 : 2;
        for (int wave = 1; wave <= waves; wave++) {
            while (wave > 1 && !Files.exists(nextWave)) {
                Thread.sleep(50);
            }
            for (int i = 0; i < n; i++) {
                factory.newThread(CrowdWorkload::park).start();
            }
            while (PARKED.get() < wave * n) {
                Thread.sleep(10);
            }
            System.out.println("parked " + wave * n);
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void park() {
        PARKED.incrementAndGet();
        try {
            NEVER.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory factory(String kind) throws ReflectiveOperationException {
        if (kind.equals("virtual")) {
            // JDK 21 API, looked up so that this compiles for 17
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
        }
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "crowd-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
