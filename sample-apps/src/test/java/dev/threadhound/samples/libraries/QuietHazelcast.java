package dev.threadhound.samples.libraries;

import com.hazelcast.config.Config;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

/**
 * An embedded Hazelcast member, alone (no discovery, bound to 127.0.0.1), that stores two thousand entries and then
 * gets no request for a while: a control that must stay quiet, as its event, operation, response and migration
 * threads wait on their queues for the next piece of work.
 */
public final class QuietHazelcast {

    private QuietHazelcast() {
    }

    public static void main(String[] args) throws Exception {
        Config config = new Config();
        config.setClusterName("quiet-" + ProcessHandle.current().pid());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.logging.type", "none");
        NetworkConfig network = config.getNetworkConfig();
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        network.setPort(15701).setPortAutoIncrement(true);
        network.getJoin().getMulticastConfig().setEnabled(false);
        network.getJoin().getAutoDetectionConfig().setEnabled(false);
        network.getJoin().getTcpIpConfig().setEnabled(false);
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        IMap<Integer, String> orders = member.getMap("orders");
        for (int i = 0; i < 2_000; i++) {
            orders.put(i, "order-" + i);
        }
        // nothing more is asked, to the end: the member's threads are still waiting when the agent writes its report
        Thread.sleep(8_000);
        System.out.println("quiet-hazelcast: " + orders.size() + " entries; done");
        System.exit(0);
    }
}
