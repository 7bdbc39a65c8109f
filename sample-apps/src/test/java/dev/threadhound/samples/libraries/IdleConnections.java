package dev.threadhound.samples.libraries;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * A server on the JDK's blocking sockets with a thread per connection, as Helidon 4 and hand-made servers are: a
 * virtual thread from JDK 21 on, a platform thread before. Four clients each send a request, get the answer and
 * keep their connection open; then nothing more is asked to the end, and each connection's thread waits in a read
 * for the next request (on JDK 25 parked in the JDK's poller, whose own virtual threads wait for events). A control
 * that must stay quiet: a connection kept alive is not a stuck thread.
 */
public final class IdleConnections {

    private static final int CLIENTS = 4;

    private IdleConnections() {
    }

    public static void main(String[] args) throws Exception {
        ThreadFactory perConnection = ThreadPerTask.factory("connection-");
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = perConnection.newThread(() -> {
            while (true) {
                try {
                    Socket connection = server.accept();
                    perConnection.newThread(() -> serve(connection)).start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.start();

        List<Socket> kept = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8);
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            out.println("order-" + i);
            System.out.println("idle-connections: " + in.readLine());
            kept.add(client);
        }
        // nothing more is asked, to the end: the connections' threads are still reading when the report is written
        Thread.sleep(8_000);
        System.out.println("idle-connections: " + kept.size() + " connections kept open; done");
        System.exit(0);
    }

    private static void serve(Socket connection) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(connection.getOutputStream(), true, StandardCharsets.UTF_8)) {
            for (String request = in.readLine(); request != null; request = in.readLine()) {
                out.println("ok " + request);
            }
        } catch (IOException e) {
            // the client went away
        }
    }
}
