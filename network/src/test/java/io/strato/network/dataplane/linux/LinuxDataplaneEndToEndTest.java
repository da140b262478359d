package io.strato.network.dataplane.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strato.network.dataplane.CommandResult;
import io.strato.network.dataplane.IpCidr;
import io.strato.network.dataplane.LinkEnd;
import io.strato.network.dataplane.NftablesTable;
import io.strato.network.dataplane.Route;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real packets between namespaces on real bridges: guests on one bridge, a filter, and a router between two. */
class LinuxDataplaneEndToEndTest {
    private static final TestNetworks NETWORKS = new TestNetworks();
    private static LinuxDataplane dataplane;

    @BeforeAll
    static void requireNamespaces() {
        NETWORKS.assumeNamespacesWork();
        NETWORKS.removeAll(TestNetworks.FAMILY);
        dataplane = NETWORKS.dataplane();
    }

    @AfterEach
    void removeWhatTheTestMade() {
        NETWORKS.removeAll(NETWORKS.prefix);
    }

    @AfterAll
    static void nothingIsLeftOver() {
        NETWORKS.removeAll(NETWORKS.prefix);
        assertEquals(List.of(), NETWORKS.namespaces(NETWORKS.prefix));
        assertEquals(List.of(), NETWORKS.hostDevices(NETWORKS.prefix));
    }

    private static String name(String suffix) {
        return NETWORKS.prefix + suffix;
    }

    private static void guest(String namespace, String bridge, String hostEnd, String cidr) {
        dataplane.ensureNamespace(namespace);
        dataplane.ensureVethPair(new LinkEnd.InNamespace("eth0", namespace), new LinkEnd.OnBridge(hostEnd, bridge));
        dataplane.addAddress(namespace, "eth0", IpCidr.parse(cidr));
    }

    private static boolean ping(String fromNamespace, String address) {
        CommandResult result = dataplane.execute(fromNamespace, List.of("ping", "-c1", "-W2", address),
                Duration.ofSeconds(20));
        return result.succeeded();
    }

    @Test
    void guestsOnOneBridgeReachEachOtherUntilAFilterDropsIcmp() {
        String guestA = name("-guest-a");
        String guestB = name("-guest-b");
        dataplane.ensureBridge(name("br0"), 1500);
        guest(guestA, name("br0"), name("va"), "10.77.0.1/24");
        guest(guestB, name("br0"), name("vb"), "10.77.0.2/24");

        assertTrue(ping(guestA, "10.77.0.2"), "a reaches b across the bridge");

        dataplane.applyTable(guestB, new NftablesTable(NftablesTable.Family.INET, "strato_filter",
                "chain input { type filter hook input priority 0; policy accept; meta l4proto icmp drop; }"));
        assertFalse(ping(guestA, "10.77.0.2"), "b's filter drops the ping");

        dataplane.deleteTable(guestB, NftablesTable.Family.INET, "strato_filter");
        assertTrue(ping(guestA, "10.77.0.2"), "without the filter the ping passes again");
    }

    @Test
    void aRouterNamespaceForwardsBetweenTwoSubnets() {
        String left = name("-left");
        String right = name("-right");
        String router = name("-router");
        dataplane.ensureBridge(name("br1"), 1500);
        dataplane.ensureBridge(name("br2"), 1500);
        guest(left, name("br1"), name("vl"), "10.78.1.2/24");
        guest(right, name("br2"), name("vr"), "10.78.2.2/24");
        dataplane.ensureNamespace(router);
        dataplane.ensureVethPair(new LinkEnd.InNamespace("qr-1", router), new LinkEnd.OnBridge(name("vq1"), name("br1")));
        dataplane.ensureVethPair(new LinkEnd.InNamespace("qr-2", router), new LinkEnd.OnBridge(name("vq2"), name("br2")));
        dataplane.addAddress(router, "qr-1", IpCidr.parse("10.78.1.1/24"));
        dataplane.addAddress(router, "qr-2", IpCidr.parse("10.78.2.1/24"));
        dataplane.addRoute(left, Route.via("0.0.0.0/0", "10.78.1.1"));
        dataplane.addRoute(right, Route.via("0.0.0.0/0", "10.78.2.1"));

        assertTrue(ping(left, "10.78.1.1"), "left reaches its gateway");
        if (!dataplane.forwardingEnabled(router)) {
            assertFalse(ping(left, "10.78.2.2"), "without forwarding the router does not pass packets on");
        }

        dataplane.enableForwarding(router);
        assertTrue(ping(left, "10.78.2.2"), "left reaches right through the router");
        assertTrue(ping(right, "10.78.1.2"), "and back");
    }

    @Test
    void commandsReportExitCodeAndBothOutputs() {
        dataplane.ensureNamespace(name("-exec"));

        CommandResult result = dataplane.execute(name("-exec"),
                List.of("sh", "-c", "echo to-out; echo to-err >&2; exit 3"), Duration.ofSeconds(10));

        assertEquals(new CommandResult(3, "to-out\n", "to-err\n"), result);
    }

    @Test
    void anNftablesSyntaxErrorLeavesTheOldTableAndSaysWhy() {
        String namespace = name("-fw");
        dataplane.ensureNamespace(namespace);
        NftablesTable good = new NftablesTable(NftablesTable.Family.INET, "strato_filter",
                "chain input { type filter hook input priority 0; policy accept; }");
        dataplane.applyTable(namespace, good);

        var failure = org.junit.jupiter.api.Assertions.assertThrows(io.strato.network.dataplane.DataplaneException.class,
                () -> dataplane.applyTable(namespace, new NftablesTable(NftablesTable.Family.INET, "strato_filter",
                        "chain input { this is not a rule; }")));

        assertTrue(failure.getMessage().contains("nftables rejected table inet strato_filter"), failure.getMessage());
        assertEquals(List.of("inet strato_filter"), dataplane.listTables(namespace));
        String listing = dataplane.execute(namespace, List.of("nft", "list", "table", "inet", "strato_filter"),
                Duration.ofSeconds(10)).output();
        assertTrue(listing.contains("chain input"), listing);
    }

    @Test
    void deletingANamespaceRemovesTheBridgeEndOfItsVeth() {
        dataplane.ensureBridge(name("br0"), 1500);
        guest(name("-gone"), name("br0"), name("vg"), "10.79.0.1/24");
        assertTrue(NETWORKS.hostDevices(name("vg")).contains(name("vg")));

        dataplane.deleteNamespace(name("-gone"));

        assertEquals(List.of(), NETWORKS.hostDevices(name("vg")));
    }
}
