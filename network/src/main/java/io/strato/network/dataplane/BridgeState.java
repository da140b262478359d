package io.strato.network.dataplane;

/** A Linux bridge as the host has it. */
public record BridgeState(String name, int mtu, boolean up) {
}
