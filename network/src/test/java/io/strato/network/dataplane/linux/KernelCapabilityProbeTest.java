package io.strato.network.dataplane.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strato.network.dataplane.Capabilities;
import io.strato.network.dataplane.SegmentationType;
import io.strato.network.dataplane.UnsupportedSegmentationException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KernelCapabilityProbeTest {
    private static final TestNetworks NETWORKS = new TestNetworks();

    @BeforeAll
    static void requireNamespaces() {
        NETWORKS.assumeNamespacesWork();
        NETWORKS.removeAll(TestNetworks.FAMILY);
    }

    @AfterAll
    static void theScratchNamespaceIsGone() {
        assertEquals(List.of(), NETWORKS.namespaces(NETWORKS.prefix));
        assertEquals(List.of(), NETWORKS.hostDevices(NETWORKS.prefix));
    }

    @Test
    void probeFindsFlatAndLocalAndExplainsEveryMissingType() {
        Capabilities capabilities = new KernelCapabilityProbe(NETWORKS.runner, NETWORKS.prefix).probe();
        System.out.println("kernel capabilities: " + capabilities.describe());

        assertTrue(capabilities.supports(SegmentationType.FLAT));
        assertTrue(capabilities.supports(SegmentationType.LOCAL));
        for (SegmentationType type : List.of(SegmentationType.VLAN, SegmentationType.VXLAN)) {
            if (!capabilities.supports(type)) {
                UnsupportedSegmentationException failure = assertThrows(UnsupportedSegmentationException.class,
                        () -> capabilities.require(type));
                String message = failure.getMessage();
                assertTrue(message.startsWith("this host's kernel has no " + type.name() + " support (ip link add type "
                        + type.networkType() + " failed: "), message);
                assertTrue(message.contains(type.networkType() + " networks cannot be created here; flat and local"),
                        message);
            }
        }
    }

    /**
     * The probe's "supported" is not just "the device could be created": when it says VXLAN works, two scratch
     * namespaces joined by a veth must reach each other over a VXLAN overlay.
     */
    @Test
    void whenTheProbeSaysVxlanWorksAnOverlayCarriesAPing() {
        Capabilities capabilities = new KernelCapabilityProbe(NETWORKS.runner, NETWORKS.prefix).probe();
        Assumptions.assumeTrue(capabilities.supports(SegmentationType.VXLAN), "no VXLAN on this host");
        String one = NETWORKS.prefix + "-vx1";
        String two = NETWORKS.prefix + "-vx2";
        try {
            run("ip", "netns", "add", one);
            run("ip", "netns", "add", two);
            run("ip", "link", "add", "under", "netns", one, "type", "veth", "peer", "name", "under", "netns", two);
            for (int side = 1; side <= 2; side++) {
                String namespace = side == 1 ? one : two;
                run("ip", "-n", namespace, "link", "set", "under", "up");
                run("ip", "-n", namespace, "address", "add", "10.80.0." + side + "/24", "dev", "under");
                run("ip", "-n", namespace, "link", "add", "vx42", "type", "vxlan", "id", "42", "dstport", "4789", "dev",
                        "under", "local", "10.80.0." + side, "remote", "10.80.0." + (3 - side));
                run("ip", "-n", namespace, "link", "set", "vx42", "up");
                run("ip", "-n", namespace, "address", "add", "10.81.0." + side + "/24", "dev", "vx42");
            }

            assertTrue(NETWORKS.runner.run(List.of("ip", "netns", "exec", one, "ping", "-c1", "-W2", "10.81.0.2"), null,
                    Duration.ofSeconds(20)).succeeded(), "ping over the VXLAN overlay");
        } finally {
            NETWORKS.removeAll(NETWORKS.prefix);
        }
    }

    private static void run(String... command) {
        NETWORKS.runner.check(List.of(command));
    }
}
