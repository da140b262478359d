package io.strato.compute.metadata;

import java.util.Objects;

/**
 * A subnet's extra route (Neutron's {@code host_routes} entry).
 *
 * @param destination the destination CIDR, {@code 10.20.0.0/16}
 * @param nexthop the gateway address
 */
public record HostRoute(String destination, String nexthop) {
    public HostRoute {
        IpNetwork.parse(Objects.requireNonNull(destination, "destination"));
        Objects.requireNonNull(nexthop, "nexthop");
    }
}
