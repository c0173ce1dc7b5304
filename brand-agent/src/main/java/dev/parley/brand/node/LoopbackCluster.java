package dev.parley.brand.node;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;

/**
 * The Hazelcast configuration of a brand's cluster: Vert.x's own cluster maps, members found over
 * TCP on 127.0.0.1 only (multicast and auto-detection off), bound to the loopback interface.
 */
final class LoopbackCluster {

    private LoopbackCluster() {}

    static HazelcastClusterManager manager(String clusterName) {
        System.setProperty("hazelcast.socket.bind.any", "false");
        System.setProperty("hazelcast.phone.home.enabled", "false");
        System.setProperty("hazelcast.logging.type", "slf4j");
        Config config = ConfigUtil.loadConfig();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(5701).setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).setInterfaces(List.of("127.0.0.1"));
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(List.of("127.0.0.1"));
        return new HazelcastClusterManager(config);
    }
}
