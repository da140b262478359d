package io.strato.network.dataplane;

import java.util.List;

/** Veth pairs into namespaces, and the addresses, routes and forwarding inside namespaces. */
public interface NamespaceLinks {
    /**
     * Creates a veth pair whose ends go where {@code first} and {@code second} say, both up. When {@code first}
     * already exists where it should be, the pair is left alone. The namespaces and bridges must exist.
     */
    void ensureVethPair(LinkEnd first, LinkEnd second);

    /** Deletes a veth pair by either end (the kernel removes its peer); a missing device is not an error. */
    void deleteVethPair(LinkEnd end);

    /** Adds the address to the device in the namespace; adding it again is not an error. */
    void addAddress(String namespace, String device, IpCidr address);

    /** The addresses on the device in the namespace (IPv6 link-local ones left out). */
    List<IpCidr> addresses(String namespace, String device);

    /** Adds or replaces the route to {@code route.destination()} in the namespace. */
    void addRoute(String namespace, Route route);

    /** Turns on IPv4 and IPv6 forwarding inside the namespace (for routers). */
    void enableForwarding(String namespace);

    boolean forwardingEnabled(String namespace);
}
