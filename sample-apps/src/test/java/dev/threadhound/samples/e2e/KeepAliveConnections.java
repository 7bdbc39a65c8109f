package dev.threadhound.samples.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Twenty keep-alive connections, each served by a virtual thread (JDK 21+) as a virtual-thread server such as Helidon
 * 4 serves them: it waits in a socket read for the next request, and its handler sleeps 2 ms per request; the clients
 * send one every 5 to 40 ms. Healthy: a connection thread is found in its read at most looks and in the handler's
 * sleep at the others, and it moves at every request. Runs 10 s.
 */
public final class KeepAliveConnections {

    private static final int CONNECTIONS = 20;
    private static final AtomicLong SERVED = new AtomicLong();

    private KeepAliveConnections() {
    }

    public static void main(String[] args) throws Exception {
        long end = System.nanoTime() + 10_000_000_000L;
        ThreadFactory virtual = virtual();
        List<Thread> clients = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, CONNECTIONS, InetAddress.getLoopbackAddress())) {
            for (int c = 0; c < CONNECTIONS; c++) {
                virtual.newThread(() -> serve(server)).start();
                Thread client = virtual.newThread(() -> ask(server.getLocalPort(), end));
                client.start();
                clients.add(client);
            }
            for (Thread c : clients) {
                c.join();
            }
        }
        System.out.println("keep-alive-connections: " + SERVED.get() + " requests served; done");
    }

    private static void serve(ServerSocket server) {
        try (Socket s = server.accept();
             BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream()));
             PrintWriter out = new PrintWriter(s.getOutputStream(), true)) {
            for (String request; (request = in.readLine()) != null; ) {
                out.println(handle(request));
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    private static String handle(String request) throws InterruptedException {
        Thread.sleep(2);
        SERVED.incrementAndGet();
        return "ok " + request;
    }

    private static void ask(int port, long end) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
             BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream()));
             PrintWriter out = new PrintWriter(s.getOutputStream(), true)) {
            for (long n = 0; System.nanoTime() < end; n++) {
                out.println(n);
                in.readLine();
                Thread.sleep(ThreadLocalRandom.current().nextInt(5, 40));
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ThreadFactory virtual() throws ReflectiveOperationException {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
    }
}
