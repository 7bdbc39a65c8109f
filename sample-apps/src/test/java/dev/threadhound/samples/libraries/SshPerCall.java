package dev.threadhound.samples.libraries;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

import java.net.InetAddress;

/**
 * An SSH session per call that is never disconnected: each JSch session keeps a thread of its own reading the
 * connection, in a socket read, not parked, for as long as the session lives. A service that opens one per request
 * (an upload, a remote command) and forgets {@code disconnect()} piles them up until it cannot start another thread.
 * The server is Apache MINA SSHD in the same JVM, on loopback. With {@code --fixed} each session is disconnected.
 */
public final class SshPerCall {

    private static final int CALLS = 12;

    private SshPerCall() {
    }

    public static void main(String[] args) throws Exception {
        boolean fixed = args.length > 0 && args[0].equals("--fixed");
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider());
        server.setPasswordAuthenticator((user, password, session) -> "deploy".equals(user) && "s3cret".equals(password));
        server.start();
        // spread over longer than stuckAfter: the sessions keep piling up, they were not opened together
        for (int i = 0; i < CALLS; i++) {
            upload(server.getPort(), fixed);
            Thread.sleep(400);
        }
        System.out.println("ssh-per-call: " + CALLS + " uploads done");
        Thread.sleep(6_000);
        System.out.println("ssh-per-call: done");
        System.exit(0);
    }

    /** One upload: a session of its own, connected; the misuse never disconnects it. */
    private static void upload(int port, boolean fixed) throws JSchException {
        Session session = new JSch().getSession("deploy", InetAddress.getLoopbackAddress().getHostAddress(), port);
        session.setPassword("s3cret");
        session.setConfig("StrictHostKeyChecking", "no");
        session.connect(10_000);
        if (fixed) {
            session.disconnect();
        }
    }
}
