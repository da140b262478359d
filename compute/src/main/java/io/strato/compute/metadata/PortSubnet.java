package io.strato.compute.metadata;

import java.util.List;
import java.util.Objects;

/**
 * One subnet a port has addresses on, as Nova's network info cache holds it.
 *
 * @param cidr the subnet, {@code 10.0.0.0/24} or {@code fd00::/64}
 * @param gatewayIp the router address, or {@code null} without a gateway (no default route)
 * @param dnsNameservers the subnet's DNS servers
 * @param hostRoutes extra routes
 * @param dhcpEnabled whether a DHCP server serves the subnet: Nova then tells the guest {@code ipv4_dhcp} or
 *     {@code ipv6_dhcp} instead of the address, and leaves the link MTU {@code null} (DHCP hands it out)
 * @param ipv6AddressMode {@code slaac}, {@code dhcpv6-stateful}, {@code dhcpv6-stateless} or {@code null}
 * @param fixedIps the port's addresses in this subnet; the first is the one the guest is told about
 */
public record PortSubnet(String cidr, String gatewayIp, List<String> dnsNameservers, List<HostRoute> hostRoutes,
                         boolean dhcpEnabled, String ipv6AddressMode, List<String> fixedIps) {
    public PortSubnet {
        IpNetwork.parse(Objects.requireNonNull(cidr, "cidr"));
        dnsNameservers = dnsNameservers == null ? List.of() : List.copyOf(dnsNameservers);
        hostRoutes = hostRoutes == null ? List.of() : List.copyOf(hostRoutes);
        fixedIps = fixedIps == null ? List.of() : List.copyOf(fixedIps);
    }

    /** A statically configured subnet with one fixed IP. */
    public static PortSubnet ofStatic(String cidr, String fixedIp, String gatewayIp, List<String> dnsNameservers) {
        return new PortSubnet(cidr, gatewayIp, dnsNameservers, List.of(), false, null, List.of(fixedIp));
    }

    /** A DHCP subnet with one fixed IP. */
    public static PortSubnet ofDhcp(String cidr, String fixedIp, String gatewayIp, List<String> dnsNameservers) {
        return new PortSubnet(cidr, gatewayIp, dnsNameservers, List.of(), true, null, List.of(fixedIp));
    }

    /** 4 or 6. */
    public int ipVersion() {
        return IpNetwork.parse(cidr).version();
    }
}
