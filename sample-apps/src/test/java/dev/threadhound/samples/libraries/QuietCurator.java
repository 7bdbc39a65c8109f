package dev.threadhound.samples.libraries;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A ZooKeeper server embedded the way Curator's {@code TestingServer} embeds it, on 127.0.0.1, and a Curator client
 * with a cache and a leader latch that registers thirty services, then has nothing to do for a while: a control
 * that must stay quiet, as the server's runner waits for the server to shut down and the client's background loop,
 * a task on its own pool, waits for the next operation to retry.
 */
public final class QuietCurator {

    private QuietCurator() {
    }

    public static void main(String[] args) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Properties config = new Properties();
        config.setProperty("clientPort", String.valueOf(port));
        config.setProperty("clientPortAddress", "127.0.0.1");
        config.setProperty("admin.enableServer", "false");
        ZooKeeperServerEmbedded server = ZooKeeperServerEmbedded.builder()
                .baseDir(Files.createTempDirectory("quiet-curator")).configuration(config)
                .exitHandler(ExitHandler.LOG_ONLY).build();
        server.start();
        CuratorFramework client = CuratorFrameworkFactory.newClient("127.0.0.1:" + port, new ExponentialBackoffRetry(100, 3));
        client.start();
        if (!client.blockUntilConnected(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the client did not connect");
        }
        CuratorCache services = CuratorCache.build(client, "/services");
        services.start();
        LeaderLatch leader = new LeaderLatch(client, "/leader");
        leader.start();
        for (int i = 0; i < 30; i++) {
            client.create().creatingParentsIfNeeded().forPath("/services/s-" + i, new byte[] {1});
        }
        // nothing more is asked, to the end: the runner and the loop still wait when the agent writes its report
        Thread.sleep(8_000);
        System.out.println("quiet-curator: 30 services, leader " + leader.hasLeadership() + "; done");
        System.exit(0);
    }
}
