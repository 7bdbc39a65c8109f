package dev.threadhound.samples.fanout;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A replica reached over HTTP that takes the connection and never answers, as a hung backend does; asked with the
 * JDK's {@code HttpURLConnection}, whose read timeout is none unless set.
 */
final class SilentReplica implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    SilentReplica() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptForever, "fanout-silent-replica");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptForever() {
        try {
            while (true) {
                held.add(server.accept());
            }
        } catch (IOException closed) {
            // the replica is gone
        }
    }

    /** The bug: a connect timeout, and no read timeout, so a replica that never answers holds the caller forever. */
    String ask(int request) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + server.getLocalPort()
                    + "/answer?request=" + request).toURL().openConnection();
            c.setConnectTimeout(1_000);
            try (InputStream in = c.getInputStream()) {
                return new String(in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : held) {
            s.close();
        }
    }
}
