package dev.threadhound.samples.libraries;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An embedded ZooKeeper server (standalone, on 127.0.0.1) and a client that registers fifty nodes and a watch, then
 * has nothing to ask for a while: a control that must stay quiet, as the server's request stages and the client's
 * event thread wait on their queues for the next request or event.
 */
public final class QuietZooKeeper {

    private QuietZooKeeper() {
    }

    public static void main(String[] args) throws Exception {
        File data = Files.createTempDirectory("quiet-zookeeper").toFile();
        ZooKeeperServer server = new ZooKeeperServer(data, data, 2_000);
        ServerCnxnFactory connections = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", 0), 10);
        connections.startup(server);
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper client = new ZooKeeper("127.0.0.1:" + connections.getLocalPort(), 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        if (!connected.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the client did not connect");
        }
        for (int i = 0; i < 50; i++) {
            client.create("/service-" + i, new byte[] {1}, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        client.getChildren("/", true);
        // nothing more is asked, to the end: the stages are still waiting when the agent writes its last report
        Thread.sleep(7_000);
        client.close();
        connections.shutdown();
        server.shutdown();
        System.out.println("quiet-zookeeper: 50 nodes; done");
    }
}
