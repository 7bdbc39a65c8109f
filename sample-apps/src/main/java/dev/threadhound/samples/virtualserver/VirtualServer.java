package dev.threadhound.samples.virtualserver;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests arrive at a steady rate from an in-process client (no network) and each one runs on a new virtual thread,
 * as a virtual-thread-per-request server would run them. A healthy handler blocks on its backend and lets the
 * carrier go, and a client's session waits for one reply after another on a virtual thread of its own
 * ({@link Session}); {@code --bug=pinning} blocks in ways that keep the carrier (see {@link PinningHandler});
 * {@code --bug=deadlock} takes two locks in opposite orders ({@link TransferHandler}). A healthy server logs each
 * request through an {@link AccessLog} and sums its time in {@link RequestStats} (a thread in {@code Object.wait()}
 * between requests); {@code --bug=stuck-close} closes the access log with a flag only, and then waits for
 * its writer for good, {@code --bug=stuck-stats} the statistics without a {@code notifyAll()}; {@code --bug=hung-request} has one request never return ({@link HungRequestHandler}), which the
 * {@code close()} of the server's executor waits for.
 */
public final class VirtualServer {

    static final int FIRST_JDK = 21;
    static final int REQUESTS_PER_SECOND = 20;

    public static final String HELP = String.join(System.lineSeparator(),
            "virtual-server: a virtual thread per request (needs JDK 21+), requests from an in-process client",
            "  (no option)      healthy handlers: they block on their backend and let the carrier go",
            "  --bug=pinning    handlers that block while pinned to their carrier thread:",
            "                   - inside synchronized: pins on JDK 21-23 only (JDK 24+ unmounts, JEP 491)",
            "                   - inside a class initializer (a tenant template loaded per request): pins on",
            "                     every JDK with virtual threads, 21 and later, 25 included",
            "  --bug=deadlock   handlers that move money between two accounts, each behind a ReentrantLock,",
            "                   the payer's first: two requests in opposite directions deadlock at once",
            "  --bug=monitor-deadlock  the same with synchronized on each account (JDK 24+ unmounts them)",
            "  --bug=stuck-close  healthy handlers; at the end the access log is closed by a flag its writer,",
            "                   parked in take(), never reads, and the server waits for the writer for good",
            "  --bug=hung-request  one request waits for a confirmation that never comes; at the end the",
            "                   server's close() of its executor waits for that request for good",
            "  --bug=stuck-stats  healthy handlers; at the end the request statistics are closed by a flag",
            "                   without notifyAll(): their thread waits in Object.wait() for good, and the",
            "                   server waits for it",
            "  --seconds=N      stop after N seconds (default: run until killed)");

    private VirtualServer() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    public static int run(String[] args) throws Exception {
        boolean pinning = false;
        boolean deadlock = false;
        boolean monitorDeadlock = false;
        boolean stuckClose = false;
        boolean hungRequest = false;
        boolean stuckStats = false;
        long seconds = -1;
        for (String arg : args) {
            if (arg.equals("--help")) {
                System.out.println(HELP);
                return 0;
            } else if (arg.equals("--bug=pinning")) {
                pinning = true;
            } else if (arg.equals("--bug=deadlock")) {
                deadlock = true;
            } else if (arg.equals("--bug=monitor-deadlock")) {
                monitorDeadlock = true;
            } else if (arg.equals("--bug=stuck-close")) {
                stuckClose = true;
            } else if (arg.equals("--bug=hung-request")) {
                hungRequest = true;
            } else if (arg.equals("--bug=stuck-stats")) {
                stuckStats = true;
            } else if (arg.startsWith("--seconds=")) {
                seconds = Long.parseLong(arg.substring("--seconds=".length()));
            } else {
                System.err.println("virtual-server: unknown argument '" + arg + "'; allowed: --bug=pinning, --bug=deadlock, --bug=monitor-deadlock, --bug=stuck-close, --bug=hung-request, --bug=stuck-stats, --seconds=N, --help");
                return 2;
            }
        }
        int jdk = Runtime.version().feature();
        if (jdk < FIRST_JDK) {
            System.err.println("virtual-server needs JDK " + FIRST_JDK + "+ (virtual threads); this is JDK " + jdk);
            return 2;
        }
        Handler handler = pinning ? new PinningHandler()
                : deadlock || monitorDeadlock ? new TransferHandler(monitorDeadlock)
                : hungRequest ? new HungRequestHandler() : new HealthyHandler();
        System.out.println("virtual-server: serving on JDK " + jdk + (pinning ? " with --bug=pinning (" + PinningHandler.whatPins(jdk) + ")"
                : deadlock ? " with --bug=deadlock" : monitorDeadlock ? " with --bug=monitor-deadlock"
                : stuckClose ? " with --bug=stuck-close" : hungRequest ? " with --bug=hung-request"
                : stuckStats ? " with --bug=stuck-stats" : ""));
        AccessLog log = handler instanceof HealthyHandler ? new AccessLog(stuckClose) : null;
        RequestStats stats = handler instanceof HealthyHandler ? new RequestStats(stuckStats) : null;
        serve(handler, seconds, log, stats);
        if (stats != null) {
            System.out.println("virtual-server: closing the request statistics");
            stats.close();
            System.out.printf("virtual-server: a request took %.1f ms on average%n", stats.meanMillis());
        }
        if (log != null) {
            System.out.println("virtual-server: closing the access log");
            log.close();
            System.out.println("virtual-server: access log closed after " + log.written() + " lines");
        }
        return 0;
    }

    private static void serve(Handler handler, long seconds, AccessLog log, RequestStats stats) throws Exception {
        ExecutorService perRequest = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        AtomicLong served = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long deadline = seconds < 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long request = 0;
        long sessionEnds = deadline;
        perRequest.execute(() -> Session.run(sessionEnds));
        while (System.nanoTime() < deadline) {
            long id = request++;
            perRequest.execute(() -> {
                long began = System.nanoTime();
                try {
                    handler.handle(id);
                } catch (RuntimeException | Error e) {
                    if (failed.getAndIncrement() == 0) {
                        System.err.println("virtual-server: a request failed: " + e);
                    }
                    return;
                }
                if (log != null) {
                    log.log("request " + id + " served");
                }
                if (stats != null) {
                    stats.took(System.nanoTime() - began);
                }
                if (served.incrementAndGet() % (REQUESTS_PER_SECOND * 5L) == 0) {
                    System.out.println("virtual-server: served " + served.get() + " requests");
                }
            });
            Thread.sleep(1000 / REQUESTS_PER_SECOND);
        }
        if (handler instanceof HealthyHandler || handler instanceof HungRequestHandler) {
            // as a try-with-resources ends: close() waits for every request begun (ExecutorService is AutoCloseable
            // from JDK 19 on; the samples are built for 17)
            System.out.println("virtual-server: closing the request executor");
            ((AutoCloseable) perRequest).close();
        } else {
            // the requests of the other bugs never end: the server gives them ten seconds
            perRequest.shutdown();
            perRequest.awaitTermination(10, TimeUnit.SECONDS);
        }
        System.out.println("virtual-server: stopped after " + served.get() + " requests");
    }
}
