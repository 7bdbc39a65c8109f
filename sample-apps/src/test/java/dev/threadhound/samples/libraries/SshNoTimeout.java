package dev.threadhound.samples.libraries;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * JSch sessions connecting to an SSH server that accepted the connection and never speaks (a hung server, a tunnel
 * whose far end is gone): {@code session.connect()} with JSch's default, no timeout, waits for the server's version
 * line forever, on a thread of the application's and on a pool's worker. {@code --fixed}: a connect timeout, so each
 * connect fails after a second and the program goes on.
 */
public final class SshNoTimeout {

    private SshNoTimeout() {
    }

    public static void main(String[] args) throws Exception {
        boolean fixed = args.length > 0 && args[0].equals("--fixed");
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> held = new ArrayList<>();
        Thread acceptor = new Thread(() -> {
            while (true) {
                try {
                    held.add(silent.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }, "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
        int port = silent.getLocalPort();
        Thread deploy = new Thread(() -> connect(port, fixed), "deploy");
        deploy.setDaemon(true);
        deploy.start();
        ExecutorService pool = Executors.newFixedThreadPool(1, r -> {
            Thread t = new Thread(r, "backup");
            t.setDaemon(true);
            return t;
        });
        pool.submit(() -> connect(port, fixed));
        // a read in native code is judged on a look the agent takes once the thread stopped using CPU: with some forty
        // JVMs starting at once on two cores, that look can come late
        Thread.sleep(20_000);
        pool.shutdown();
        System.exit(0);
    }

    private static void connect(int port, boolean fixed) {
        try {
            Session session = new JSch().getSession("deploy", "127.0.0.1", port);
            session.setConfig("StrictHostKeyChecking", "no");
            if (fixed) {
                session.connect(1_000);
            } else {
                session.connect();
            }
            session.disconnect();
        } catch (JSchException e) {
            System.out.println("ssh: connect failed: " + e.getMessage());
        }
    }
}
