package dev.threadhound.agent.sink;

import dev.threadhound.model.Snapshot;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The HTTP endpoint: the Prometheus exporter's {@link HTTPServer} serving {@code /metrics} (text, or OpenMetrics
 * when the scraper asks for it) from the sink's registry, plus {@code /}, {@code /findings} and {@code /threads}.
 * GET only. Its two handler threads are daemons named {@code threadhound-http-N}.
 *
 * <p>Everything is created on a {@code threadhound-http-start} thread, so the agent, which ignores executors
 * created on its own threads, never reports the handler pool; the JDK server's own threads are renamed
 * {@code threadhound-http-...} for the same reason.
 */
public final class HttpEndpoint implements AutoCloseable {

    private final HTTPServer server;

    private HttpEndpoint(HTTPServer server) {
        this.server = server;
    }

    /**
     * Starts the endpoint, or prints one line to {@code err} saying why it could not and returns null; the
     * application goes on either way.
     *
     * @param threadsNow the snapshot {@code /threads} shows, taken when asked (so it may carry every stack)
     */
    public static HttpEndpoint start(String host, int port, MetricsSink sink, Supplier<Snapshot> threadsNow,
                                     PrintStream err) {
        // The JDK server starts threads of its own (dispatcher, timers) that inherit the starting thread's group.
        // Starting it from a thread in our own group is the one way to find exactly those threads and name them.
        ThreadGroup group = new ThreadGroup("threadhound-http");
        Object[] result = new Object[1];
        Thread starter = new Thread(group, () -> result[0] = startInGroup(group, host, port, sink, threadsNow, err),
                "threadhound-http-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        return (HttpEndpoint) result[0];
    }

    /**
     * Writes the JSON pages once from the newest cycle (a page of one group for {@code /threads}), so that the first
     * request does not pay the JSON mapper's warm-up: at ten thousand threads that was half of the first
     * {@code /threads} answer. Called on the agent's start-up thread after the first cycle.
     */
    public static void warmUp(MetricsSink sink) {
        PageHandler.warmUp(sink, Clock.systemUTC());
    }

    private static HttpEndpoint startInGroup(ThreadGroup group, String host, int port, MetricsSink sink,
                                             Supplier<Snapshot> threadsNow, PrintStream err) {
        noDelay();
        ExecutorService handlers = handlerPool(group);
        try {
            HTTPServer server = HTTPServer.builder()
                    .hostname(host)
                    .port(port)
                    .registry(sink.registry().getPrometheusRegistry())
                    .executorService(handlers)
                    .authenticator(new GetOnly())
                    .defaultHandler(new PageHandler(sink, threadsNow, Clock.systemUTC()))
                    .buildAndStart();
            nameServerThreads(group);
            return new HttpEndpoint(server);
        } catch (BindException e) {
            handlers.shutdownNow();
            err.println("threadhound: HTTP endpoint not started: " + host + ":" + port
                    + " is already in use (choose another with port=, or port=0 for none); the application runs on");
        } catch (IOException | RuntimeException e) {
            handlers.shutdownNow();
            err.println("threadhound: HTTP endpoint not started on " + host + ":" + port + ": " + e.getMessage()
                    + "; the application runs on");
        }
        return null;
    }

    /**
     * The JDK server writes a response's headers and its body in two writes; on a kept-alive connection the body
     * then waits for the client's delayed acknowledgement of the headers (Nagle), 40 ms on Linux, for every small
     * answer. The JDK's own switch turns Nagle off for its servers; it is read once, when the first JDK server of
     * the JVM starts, so it does nothing if the application started one before, and a value the application set is
     * left as it is.
     */
    private static void noDelay() {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    /** The agent never reports threads named {@code threadhound-}: give the JDK server's threads that prefix. */
    private static void nameServerThreads(ThreadGroup group) {
        Thread[] threads = new Thread[group.activeCount() + 8];
        int n = group.enumerate(threads, false);
        for (int i = 0; i < n; i++) {
            String name = threads[i].getName().toLowerCase(java.util.Locale.ROOT);
            if (!name.startsWith("threadhound-")) {
                threads[i].setName("threadhound-http-" + (name.startsWith("http-") ? name.substring(5) : name));
            }
        }
    }

    public static HttpEndpoint start(String host, int port, MetricsSink sink) {
        return start(host, port, sink, sink::latestSnapshot, System.err);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }

    /** Two daemon threads are plenty for a scraper and a person; requests beyond that wait their turn. */
    private static ExecutorService handlerPool(ThreadGroup group) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(group, r, "threadhound-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        return pool;
    }
}
