package dev.threadhound.samples.libraries;

import com.sun.net.httpserver.HttpServer;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One asynchronous OkHttp call to a local server, then {@code main} returns. The client's dispatcher keeps its idle
 * worker, a non-daemon thread, for a minute: the JVM does not exit until then. {@code --fixed}: the dispatcher's
 * executor is shut down and the connection pool emptied, as OkHttp's documentation says to.
 */
public final class OkHttpAfterMain {

    private OkHttpAfterMain() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        OkHttpClient client = new OkHttpClient();
        CountDownLatch answered = new CountDownLatch(1);
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        client.newCall(new Request.Builder().url(url).build()).enqueue(new Callback() {
            @Override
            public void onResponse(Call call, Response response) {
                System.out.println("okhttp: answered " + response.code());
                response.close();
                answered.countDown();
            }

            @Override
            public void onFailure(Call call, IOException e) {
                System.out.println("okhttp: failed " + e);
                answered.countDown();
            }
        });
        answered.await(10, TimeUnit.SECONDS);
        server.stop(0);
        if (args.length > 0 && args[0].equals("--fixed")) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
        System.out.println("okhttp: main returns");
    }
}
