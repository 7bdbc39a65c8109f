package dev.threadhound.agent.sink;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.threadhound.model.Snapshot;
import dev.threadhound.report.FindingsReport;
import dev.threadhound.report.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Serves {@code /} (the status page), {@code /findings} and {@code /threads} ({@code ?limit=} groups from
 * {@code ?offset=}); anything else is 404, a bad parameter 400 with one line saying what is allowed.
 */
final class PageHandler implements HttpHandler {

    private final MetricsSink sink;
    private final Supplier<Snapshot> threadsNow;
    private final Clock clock;

    PageHandler(MetricsSink sink, Supplier<Snapshot> threadsNow, Clock clock) {
        this.sink = sink;
        this.threadsNow = threadsNow;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Page page;
        try {
            page = page(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery());
        } catch (BadParameter e) {
            page = new Page(400, "text/plain; charset=utf-8", "threadhound: " + e.getMessage() + "\n");
        } catch (RuntimeException e) {
            // A page that cannot be built says why instead of dropping the connection.
            page = new Page(500, "text/plain; charset=utf-8", "threadhound: " + e + "\n");
        }
        send(exchange, page);
    }

    /** The JSON of {@code /findings} and of a one-group {@code /threads}, written and dropped: see {@link HttpEndpoint#warmUp}. */
    static void warmUp(MetricsSink sink, Clock clock) {
        Json.write(FindingsReport.of(clock.instant(), sink.latestFindings()));
        Json.write(ThreadsDocument.of(sink.latestSnapshot(), clock.instant(), 0, 1));
    }

    private Page page(String path, String query) {
        return switch (path) {
            case "/" -> new Page(200, "text/html; charset=utf-8",
                    StatusPage.render(sink.latestSnapshot(), sink.latestFindings(), clock.instant()));
            case "/findings" -> new Page(200, "application/json",
                    Json.write(FindingsReport.of(clock.instant(), sink.latestFindings())));
            case "/threads" -> {
                Map<String, String> params = parameters(query);
                int offset = number(params, "offset", 0, 0);
                int limit = number(params, "limit", ThreadsDocument.DEFAULT_LIMIT, 1);
                yield new Page(200, "application/json",
                        Json.write(ThreadsDocument.of(threadsNow.get(), clock.instant(), offset, limit)));
            }
            default -> new Page(404, "text/plain; charset=utf-8",
                    "Not found. Try / (status page), /metrics, /findings or /threads.\n");
        };
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> params = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return params;
    }

    private static int number(Map<String, String> params, String name, int fallback, int least) {
        String value = params.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= least) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new BadParameter(name + "=" + value + " is not allowed: " + name + " is a whole number, at least " + least);
    }

    /** A query parameter a page cannot use: answered with 400 and the one line that says what is allowed. */
    private static final class BadParameter extends RuntimeException {
        BadParameter(String message) {
            super(message, null, false, false);
        }
    }

    private static void send(HttpExchange exchange, Page page) throws IOException {
        byte[] bytes = page.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", page.type());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        exchange.sendResponseHeaders(page.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private record Page(int status, String type, String body) {
    }
}
