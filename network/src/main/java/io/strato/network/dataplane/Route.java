package io.strato.network.dataplane;

import java.util.Objects;
import java.util.Optional;

/**
 * A route inside a namespace: {@code destination} in CIDR form (network address, e.g. {@code 10.2.0.0/24}, or
 * {@code 0.0.0.0/0} for the default) through {@code gateway} or directly out of {@code device}.
 */
public record Route(IpCidr destination, Optional<java.net.InetAddress> gateway, Optional<String> device) {
    public Route {
        Objects.requireNonNull(destination);
        Objects.requireNonNull(gateway);
        Objects.requireNonNull(device);
        if (gateway.isEmpty() && device.isEmpty()) {
            throw DataplaneException.invalid("route to " + destination + " needs a gateway or a device");
        }
        device.ifPresent(Names::device);
    }

    public static Route via(String destination, String gateway) {
        return new Route(IpCidr.parse(destination), Optional.of(IpCidr.parse(gateway + "/0").address()), Optional.empty());
    }

    public static Route onLink(String destination, String device) {
        return new Route(IpCidr.parse(destination), Optional.empty(), Optional.of(device));
    }
}
