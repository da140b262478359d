package io.strato.compute.metadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code network_data.json} as Nova's {@code netutils.get_network_metadata} builds it. */
final class NetworkDataDocument {
    private NetworkDataDocument() {
    }

    /** The document, or {@code null} when the instance has no ports (Nova then serves {@code {}}). */
    static Map<String, Object> render(List<NetworkPort> ports) {
        if (ports.isEmpty()) {
            return null;
        }
        List<Object> links = new ArrayList<>();
        List<Object> networks = new ArrayList<>();
        List<Object> services = new ArrayList<>();
        int interfaceNumber = -1;
        int networkNumber = -1;
        for (NetworkPort port : ports) {
            if (port.subnets().isEmpty()) {
                continue;
            }
            // Nova only uses the first IPv4 and the first IPv6 subnet of a port
            PortSubnet ipv4 = firstOfVersion(port, 4);
            PortSubnet ipv6 = firstOfVersion(port, 6);
            interfaceNumber++;
            if (ipv4 == null && ipv6 == null) {
                continue;
            }
            Map<String, Object> link = link(port);
            links.add(link);
            for (PortSubnet subnet : new PortSubnet[] {ipv4, ipv6}) {
                if (subnet == null || subnet.fixedIps().isEmpty()) {
                    continue;
                }
                networkNumber++;
                networks.add(network(port, subnet, networkNumber, (String) link.get("id")));
                for (Object service : dnsServices(subnet)) {
                    if (!services.contains(service)) {
                        services.add(service);
                    }
                }
            }
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("links", links);
        document.put("networks", networks);
        document.put("services", services);
        return document;
    }

    private static PortSubnet firstOfVersion(NetworkPort port, int version) {
        return port.subnets().stream().filter(subnet -> subnet.ipVersion() == version).findFirst().orElse(null);
    }

    private static Map<String, Object> link(NetworkPort port) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("id", port.deviceName());
        link.put("vif_id", port.portId());
        link.put("type", port.linkType());
        // Nova leaves the MTU to DHCP when a subnet has a DHCP server
        boolean dhcp = port.subnets().stream().anyMatch(PortSubnet::dhcpEnabled);
        link.put("mtu", dhcp ? null : port.mtu());
        link.put("ethernet_mac_address", port.macAddress());
        return link;
    }

    private static Map<String, Object> network(NetworkPort port, PortSubnet subnet, int number, String linkId) {
        int version = subnet.ipVersion();
        Map<String, Object> network = new LinkedHashMap<>();
        network.put("id", "network" + number);
        String typeSuffix = "";
        if (subnet.ipv6AddressMode() != null) {
            typeSuffix = "_" + subnet.ipv6AddressMode();
        } else if (subnet.dhcpEnabled()) {
            network.put("type", "ipv" + version + "_dhcp");
            network.put("link", linkId);
            network.put("network_id", port.networkId());
            return network;
        }
        IpNetwork cidr = IpNetwork.parse(subnet.cidr());
        network.put("type", "ipv" + version + typeSuffix);
        network.put("link", linkId);
        network.put("ip_address", subnet.fixedIps().getFirst());
        network.put("netmask", cidr.netmask());
        List<Object> routes = new ArrayList<>();
        if (subnet.gatewayIp() != null && !subnet.gatewayIp().isEmpty()) {
            Map<String, Object> defaultRoute = new LinkedHashMap<>();
            defaultRoute.put("network", version == 4 ? "0.0.0.0" : "::");
            defaultRoute.put("netmask", version == 4 ? "0.0.0.0" : "::");
            defaultRoute.put("gateway", subnet.gatewayIp());
            routes.add(defaultRoute);
        }
        for (HostRoute hostRoute : subnet.hostRoutes()) {
            IpNetwork destination = IpNetwork.parse(hostRoute.destination());
            Map<String, Object> route = new LinkedHashMap<>();
            route.put("network", destination.networkAddress());
            route.put("netmask", destination.netmask());
            route.put("gateway", hostRoute.nexthop());
            routes.add(route);
        }
        network.put("routes", routes);
        network.put("network_id", port.networkId());
        network.put("services", dnsServices(subnet));
        return network;
    }

    private static List<Object> dnsServices(PortSubnet subnet) {
        List<Object> services = new ArrayList<>();
        for (String address : subnet.dnsNameservers()) {
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("type", "dns");
            service.put("address", address);
            services.add(service);
        }
        return services;
    }
}
