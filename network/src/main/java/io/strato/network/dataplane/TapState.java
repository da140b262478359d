package io.strato.network.dataplane;

import java.util.Optional;

/** A tap device as the host has it; {@code bridge} is empty when it is not plugged in. */
public record TapState(String name, String macAddress, int mtu, Optional<String> bridge, boolean up) {
}
