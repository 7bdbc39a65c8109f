package dev.threadhound.samples.libraries;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * An SSH session per call that is never disconnected: each JSch session keeps a thread of its own reading the
 * connection, in a socket read, not parked, for as long as the session lives. A service that opens one per request
 * (an upload, a remote command) and forgets {@code disconnect()} piles them up until it cannot start another thread.
 * The server is Apache MINA SSHD in the same JVM, on loopback. With {@code --fixed} each session is disconnected;
 * with {@code --pooled} the uploads take their sessions from a commons-pool2 pool, which opens them as the uploads in
 * flight grow to twelve and keeps them open for the next: a pool, not a pile.
 */
public final class SshPerCall {

    private static final int CALLS = 12;

    private SshPerCall() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        boolean fixed = mode.equals("--fixed");
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider());
        server.setPasswordAuthenticator((user, password, session) -> "deploy".equals(user) && "s3cret".equals(password));
        server.start();
        if (mode.equals("--pooled")) {
            uploadThroughAPool(server.getPort());
        } else {
            // spread over longer than stuckAfter: the sessions keep piling up, they were not opened together
            for (int i = 0; i < CALLS; i++) {
                upload(server.getPort(), fixed);
                Thread.sleep(400);
            }
        }
        System.out.println("ssh-per-call: " + CALLS + " uploads done");
        Thread.sleep(6_000);
        System.out.println("ssh-per-call: done");
        System.exit(0);
    }

    /** One upload: a session of its own, connected; the misuse never disconnects it. */
    private static void upload(int port, boolean fixed) throws JSchException {
        Session session = openSession(port);
        if (fixed) {
            session.disconnect();
        }
    }

    private static Session openSession(int port) throws JSchException {
        Session session = new JSch().getSession("deploy", InetAddress.getLoopbackAddress().getHostAddress(), port);
        session.setPassword("s3cret");
        session.setConfig("StrictHostKeyChecking", "no");
        // generous: with the end-to-end tests' other JVMs on two cores, the embedded server once took over 10 s to
        // answer a JDK 17 client's first packet
        session.connect(60_000);
        return session;
    }

    /** Twelve uploads in flight at once by the end, each on a pooled session, then all back in the pool. */
    private static void uploadThroughAPool(int port) throws Exception {
        GenericObjectPool<Session> sessions = new GenericObjectPool<>(new BasePooledObjectFactory<>() {
            @Override
            public Session create() throws JSchException {
                return openSession(port);
            }

            @Override
            public PooledObject<Session> wrap(Session session) {
                return new DefaultPooledObject<>(session);
            }

            @Override
            public void destroyObject(PooledObject<Session> pooled) {
                pooled.getObject().disconnect();
            }
        });
        sessions.setMaxTotal(CALLS);
        sessions.setMaxIdle(CALLS);
        List<Session> inFlight = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            inFlight.add(sessions.borrowObject());
            Thread.sleep(400);
        }
        inFlight.forEach(sessions::returnObject);
    }
}
