package io.strato.network.dataplane;

import java.util.Objects;

/** Where one end of a veth pair lives: inside a namespace, or in the host namespace plugged into a bridge. */
public sealed interface LinkEnd {
    String device();

    /** The end is moved into {@code namespace}, brought up, and left for addresses. */
    record InNamespace(String device, String namespace) implements LinkEnd {
        public InNamespace {
            Names.device(device);
            Names.namespace(namespace);
        }
    }

    /** The end stays in the host namespace, up, enslaved to {@code bridge}. */
    record OnBridge(String device, String bridge) implements LinkEnd {
        public OnBridge {
            Names.device(device);
            Names.device(bridge);
            if (Objects.equals(device, bridge)) {
                throw DataplaneException.invalid("veth end " + device + " cannot have the same name as its bridge");
            }
        }
    }
}
