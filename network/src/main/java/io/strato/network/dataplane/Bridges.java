package io.strato.network.dataplane;

import java.util.List;
import java.util.Optional;

/** Linux bridges in the host namespace, one per network segment on this host. */
public interface Bridges {
    /** Creates the bridge if missing, sets its MTU and brings it up; an existing bridge is adjusted, not recreated. */
    void ensureBridge(String name, int mtu);

    /** Deletes the bridge; a missing bridge is not an error. */
    void deleteBridge(String name);

    Optional<BridgeState> bridge(String name);

    /** The names of the bridges whose names start with {@code prefix}, sorted. */
    List<String> listBridges(String prefix);
}
