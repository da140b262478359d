package io.strato.network.dataplane;

/**
 * Everything the network agent does to a host's network: the role interfaces together, plus what the host's
 * kernel can do. Implementations: {@code LinuxDataplane} (iproute2 and nftables) and {@code FakeDataplane}
 * (in memory, for tests).
 */
public interface Dataplane extends Bridges, TapDevices, Namespaces, NamespaceLinks, NamespaceCommands, PacketFilters {
    /** Which segmentation types this host can carry, probed once and then remembered. */
    Capabilities capabilities();
}
