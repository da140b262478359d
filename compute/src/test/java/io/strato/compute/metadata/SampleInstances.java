package io.strato.compute.metadata;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Instances the metadata tests render. */
final class SampleInstances {
    static final String UUID = "6f1c1b5e-3c1a-4b8e-9a55-2f0d6c7e8a90";
    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHN0cmF0by1tZXRhZGF0YS10ZXN0LWtleS0wMDAw test@strato";

    private SampleInstances() {
    }

    /** One port on a static IPv4 subnet (gateway, DNS, a host route) and one on a DHCP subnet. */
    static InstanceMetadata webServer() {
        return webServer(UUID, "web-1.novalocal");
    }

    /** {@link #webServer()} with another uuid and hostname. */
    static InstanceMetadata webServer(String uuid, String hostname) {
        PortSubnet staticSubnet = new PortSubnet("10.0.0.0/24", "10.0.0.1", List.of("10.0.0.2", "8.8.8.8"),
                List.of(new HostRoute("172.16.0.0/12", "10.0.0.254")), false, null, List.of("10.0.0.5"));
        PortSubnet dhcpSubnet = PortSubnet.ofDhcp("192.168.7.0/24", "192.168.7.20", "192.168.7.1",
                List.of("192.168.7.2"));
        NetworkPort first = new NetworkPort("3b6ad4d4-8b61-4d5c-9b63-0ea5a2b1c8f0", "fa:16:3e:00:00:01", null,
                "net-private", 1450, null, List.of(staticSubnet), List.of("203.0.113.10"));
        NetworkPort second = NetworkPort.of("77aa0000-1111-2222-3333-444455556666", "fa:16:3e:00:00:02",
                "net-dhcp", 1500, List.of(dhcpSubnet));
        return InstanceMetadata.builder(uuid, hostname)
                .numericId(42)
                .name("web-1")
                .projectId("project-a")
                .availabilityZone("nova")
                .launchIndex(0)
                .flavorName("m1.tiny")
                .imageId("cirros-0.6")
                .imageNumericId(7)
                .reservationId("r-abcdef12")
                .metadata(Map.of("role", "web"))
                .publicKey("mykey", KEY)
                .userData("#cloud-config\nruncmd: []\n".getBytes(StandardCharsets.UTF_8))
                .adminPassword("s3cret")
                .ports(List.of(first, second))
                .securityGroups(List.of("default", "web"))
                .dedicatedCpus(List.of(3, 1))
                .build();
    }
}
