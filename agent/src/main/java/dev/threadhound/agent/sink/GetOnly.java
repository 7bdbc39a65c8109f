package dev.threadhound.agent.sink;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;

/**
 * Answers every method but GET with 405 and an {@code Allow: GET} header, on every path the server has,
 * {@code /metrics} included. It is an {@link Authenticator} because that is the one hook the Prometheus
 * exporter's server applies to all its contexts; the JDK server sends a failure's code with an empty body.
 */
final class GetOnly extends Authenticator {

    private static final HttpPrincipal ANYONE = new HttpPrincipal("anyone", "threadhound");

    @Override
    public Result authenticate(HttpExchange exchange) {
        if ("GET".equals(exchange.getRequestMethod())) {
            return new Success(ANYONE);
        }
        exchange.getResponseHeaders().set("Allow", "GET");
        return new Failure(405);
    }
}
