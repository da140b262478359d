package io.strato.network.dataplane.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strato.network.dataplane.Dataplane;
import io.strato.network.dataplane.DataplaneContract;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

class LinuxDataplaneContractTest extends DataplaneContract {
    private static final TestNetworks NETWORKS = new TestNetworks();
    private static LinuxDataplane dataplane;

    @BeforeAll
    static void requireNamespaces() {
        NETWORKS.assumeNamespacesWork();
        NETWORKS.removeAll(TestNetworks.FAMILY);
        dataplane = NETWORKS.dataplane();
    }

    @AfterEach
    void removeWhatTheTestMade() {
        NETWORKS.removeAll(NETWORKS.prefix);
    }

    @AfterAll
    static void nothingIsLeftOver() {
        NETWORKS.removeAll(NETWORKS.prefix);
        assertEquals(List.of(), NETWORKS.namespaces(NETWORKS.prefix));
        assertEquals(List.of(), NETWORKS.hostDevices(NETWORKS.prefix));
    }

    @Override
    protected Dataplane dataplane() {
        return dataplane;
    }

    @Override
    protected String prefix() {
        return NETWORKS.prefix;
    }
}
