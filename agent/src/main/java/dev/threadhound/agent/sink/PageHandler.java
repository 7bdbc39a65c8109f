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
import java.util.function.Supplier;

/** Serves {@code /} (the status page), {@code /findings} and {@code /threads}; anything else is 404. */
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
            page = page(exchange.getRequestURI().getPath());
        } catch (RuntimeException e) {
            // A page that cannot be built says why instead of dropping the connection.
            page = new Page(500, "text/plain; charset=utf-8", "threadhound: " + e + "\n");
        }
        send(exchange, page);
    }

    private Page page(String path) {
        return switch (path) {
            case "/" -> new Page(200, "text/html; charset=utf-8",
                    StatusPage.render(sink.latestSnapshot(), sink.latestFindings(), clock.instant()));
            case "/findings" -> new Page(200, "application/json",
                    Json.write(FindingsReport.of(clock.instant(), sink.latestFindings())));
            case "/threads" -> new Page(200, "application/json",
                    Json.write(ThreadsDocument.of(threadsNow.get(), clock.instant())));
            default -> new Page(404, "text/plain; charset=utf-8",
                    "Not found. Try / (status page), /metrics, /findings or /threads.\n");
        };
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
