package io.strato.network.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Dataplane} must do. Subclasses supply the dataplane and a short unique name prefix (at most
 * 8 characters, so device names stay within the kernel's 15) and clean up everything carrying it.
 */
public abstract class DataplaneContract {
    protected abstract Dataplane dataplane();

    /** A prefix unique to this run; every bridge, tap and namespace a test makes starts with it. */
    protected abstract String prefix();

    private String name(String suffix) {
        return prefix() + suffix;
    }

    private static DataplaneException.Reason reasonOf(Runnable action) {
        return assertThrows(DataplaneException.class, action::run).reason();
    }

    @Test
    void ensureBridgeCreatesItUpWithItsMtuAndIsIdempotent() {
        String bridge = name("br0");
        dataplane().ensureBridge(bridge, 1500);
        dataplane().ensureBridge(bridge, 1500);

        assertEquals(Optional.of(new BridgeState(bridge, 1500, true)), dataplane().bridge(bridge));
        assertEquals(List.of(bridge), dataplane().listBridges(prefix()));
    }

    @Test
    void ensureBridgeAdjustsTheMtuOfAnExistingBridge() {
        String bridge = name("br0");
        dataplane().ensureBridge(bridge, 1500);
        dataplane().ensureBridge(bridge, 1400);

        assertEquals(1400, dataplane().bridge(bridge).orElseThrow().mtu());
    }

    @Test
    void deleteBridgeRemovesItAndToleratesAMissingOne() {
        String bridge = name("br0");
        dataplane().ensureBridge(bridge, 1500);
        dataplane().deleteBridge(bridge);
        dataplane().deleteBridge(bridge);

        assertEquals(Optional.empty(), dataplane().bridge(bridge));
        assertEquals(List.of(), dataplane().listBridges(prefix()));
    }

    @Test
    void listBridgesOnlyReturnsThoseWithThePrefix() {
        dataplane().ensureBridge(name("b2"), 1500);
        dataplane().ensureBridge(name("b1"), 1500);

        assertEquals(List.of(name("b1"), name("b2")), dataplane().listBridges(prefix()));
        assertEquals(List.of(name("b1")), dataplane().listBridges(name("b1")));
    }

    @Test
    void ensureTapPlugsItIntoTheBridgeWithMacAndMtu() {
        String bridge = name("br0");
        String tap = name("tap0");
        dataplane().ensureBridge(bridge, 1500);
        TapSpec spec = new TapSpec(tap, "FA:16:3E:00:00:01", 1450, bridge);
        dataplane().ensureTap(spec);
        dataplane().ensureTap(spec);

        assertEquals(Optional.of(new TapState(tap, "fa:16:3e:00:00:01", 1450, Optional.of(bridge), true)),
                dataplane().tap(tap));
        assertEquals(List.of(tap), dataplane().listTaps(prefix()));
        assertEquals(List.of(bridge), dataplane().listBridges(prefix()), "a tap is not a bridge");
    }

    @Test
    void ensureTapMovesItToAnotherBridgeAndChangesItsMac() {
        dataplane().ensureBridge(name("br0"), 1500);
        dataplane().ensureBridge(name("br1"), 1500);
        dataplane().ensureTap(new TapSpec(name("tap0"), "fa:16:3e:00:00:01", 1500, name("br0")));
        dataplane().ensureTap(new TapSpec(name("tap0"), "fa:16:3e:00:00:02", 1500, name("br1")));

        TapState state = dataplane().tap(name("tap0")).orElseThrow();
        assertEquals(Optional.of(name("br1")), state.bridge());
        assertEquals("fa:16:3e:00:00:02", state.macAddress());
    }

    @Test
    void ensureTapFailsWhenTheBridgeIsMissing() {
        DataplaneException failure = assertThrows(DataplaneException.class,
                () -> dataplane().ensureTap(new TapSpec(name("tap0"), "fa:16:3e:00:00:01", 1500, name("nobr"))));

        assertEquals(DataplaneException.Reason.NOT_FOUND, failure.reason());
        assertTrue(failure.getMessage().contains(name("nobr")), failure.getMessage());
        assertEquals(List.of(), dataplane().listTaps(prefix()));
    }

    @Test
    void aTapCannotTakeABridgesName() {
        dataplane().ensureBridge(name("br0"), 1500);

        assertEquals(DataplaneException.Reason.CONFLICT, reasonOf(
                () -> dataplane().ensureTap(new TapSpec(name("br0"), "fa:16:3e:00:00:01", 1500, name("br0")))));
        assertEquals(DataplaneException.Reason.CONFLICT, reasonOf(() -> dataplane().deleteTap(name("br0"))));
        assertTrue(dataplane().bridge(name("br0")).isPresent());
    }

    @Test
    void deleteTapRemovesItAndToleratesAMissingOne() {
        dataplane().ensureBridge(name("br0"), 1500);
        dataplane().ensureTap(new TapSpec(name("tap0"), "fa:16:3e:00:00:01", 1500, name("br0")));
        dataplane().deleteTap(name("tap0"));
        dataplane().deleteTap(name("tap0"));

        assertEquals(Optional.empty(), dataplane().tap(name("tap0")));
        assertEquals(List.of(), dataplane().listTaps(prefix()));
    }

    @Test
    void namespacesAreEnsuredListedAndDeletedIdempotently() {
        dataplane().ensureNamespace(name("-ns-b"));
        dataplane().ensureNamespace(name("-ns-a"));
        dataplane().ensureNamespace(name("-ns-a"));

        assertEquals(List.of(name("-ns-a"), name("-ns-b")), dataplane().listNamespaces(prefix()));
        assertTrue(dataplane().namespaceExists(name("-ns-a")));

        dataplane().deleteNamespace(name("-ns-a"));
        dataplane().deleteNamespace(name("-ns-a"));
        assertFalse(dataplane().namespaceExists(name("-ns-a")));
        assertEquals(List.of(name("-ns-b")), dataplane().listNamespaces(prefix()));
    }

    @Test
    void vethFromANamespaceToABridgeCarriesAddressesAndRoutes() {
        String namespace = name("-guest");
        dataplane().ensureBridge(name("br0"), 1500);
        dataplane().ensureNamespace(namespace);
        LinkEnd inside = new LinkEnd.InNamespace("eth0", namespace);
        LinkEnd outside = new LinkEnd.OnBridge(name("v0"), name("br0"));
        dataplane().ensureVethPair(inside, outside);
        dataplane().ensureVethPair(inside, outside);

        dataplane().addAddress(namespace, "eth0", IpCidr.parse("10.91.0.5/24"));
        dataplane().addAddress(namespace, "eth0", IpCidr.parse("10.91.0.5/24"));
        dataplane().addAddress(namespace, "eth0", IpCidr.parse("fd00:91::5/64"));
        dataplane().addRoute(namespace, Route.via("0.0.0.0/0", "10.91.0.1"));
        dataplane().addRoute(namespace, Route.via("0.0.0.0/0", "10.91.0.1"));

        assertEquals(List.of(IpCidr.parse("10.91.0.5/24"), IpCidr.parse("fd00:91::5/64")),
                dataplane().addresses(namespace, "eth0"));
    }

    @Test
    void deletingOneEndOfAVethPairRemovesTheOther() {
        dataplane().ensureNamespace(name("-left"));
        dataplane().ensureNamespace(name("-right"));
        LinkEnd left = new LinkEnd.InNamespace("eth0", name("-left"));
        LinkEnd right = new LinkEnd.InNamespace("eth0", name("-right"));
        dataplane().ensureVethPair(left, right);
        dataplane().addAddress(name("-right"), "eth0", IpCidr.parse("10.92.0.2/24"));

        dataplane().deleteVethPair(left);
        dataplane().deleteVethPair(left);

        assertEquals(DataplaneException.Reason.NOT_FOUND,
                reasonOf(() -> dataplane().addresses(name("-right"), "eth0")));
    }

    @Test
    void vethPairNeedsItsNamespacesAndBridges() {
        dataplane().ensureNamespace(name("-guest"));

        assertEquals(DataplaneException.Reason.NOT_FOUND, reasonOf(() -> dataplane().ensureVethPair(
                new LinkEnd.InNamespace("eth0", name("-guest")), new LinkEnd.OnBridge(name("v0"), name("nobr")))));
        assertEquals(DataplaneException.Reason.NOT_FOUND, reasonOf(() -> dataplane().ensureVethPair(
                new LinkEnd.InNamespace("eth0", name("-nowhere")), new LinkEnd.InNamespace("eth0", name("-guest")))));
    }

    @Test
    void addressesNeedAnExistingDevice() {
        dataplane().ensureNamespace(name("-guest"));

        assertEquals(DataplaneException.Reason.NOT_FOUND, reasonOf(
                () -> dataplane().addAddress(name("-guest"), "eth9", IpCidr.parse("10.93.0.1/24"))));
        assertEquals(DataplaneException.Reason.NOT_FOUND, reasonOf(
                () -> dataplane().addAddress(name("-nowhere"), "eth0", IpCidr.parse("10.93.0.1/24"))));
    }

    @Test
    void forwardingCanBeEnabledInANamespace() {
        dataplane().ensureNamespace(name("-router"));
        dataplane().enableForwarding(name("-router"));
        dataplane().enableForwarding(name("-router"));

        assertTrue(dataplane().forwardingEnabled(name("-router")));
    }

    @Test
    void commandsRunInsideAnExistingNamespaceOnly() {
        dataplane().ensureNamespace(name("-guest"));

        assertTrue(dataplane().execute(name("-guest"), List.of("true"), Duration.ofSeconds(10)).succeeded());
        assertEquals(DataplaneException.Reason.NOT_FOUND, reasonOf(
                () -> dataplane().execute(name("-nowhere"), List.of("true"), Duration.ofSeconds(10))));
        assertEquals(DataplaneException.Reason.INVALID_ARGUMENT, reasonOf(
                () -> dataplane().execute(name("-guest"), List.of(), Duration.ofSeconds(10))));
    }

    @Test
    void nftablesTablesAreReplacedWholeListedAndDeleted() {
        String namespace = name("-fw");
        dataplane().ensureNamespace(namespace);
        NftablesTable first = new NftablesTable(NftablesTable.Family.INET, "strato_filter",
                "chain input { type filter hook input priority 0; policy accept; ip protocol icmp drop; }");
        NftablesTable second = new NftablesTable(NftablesTable.Family.INET, "strato_filter",
                "chain forward { type filter hook forward priority 0; policy accept; }");
        dataplane().applyTable(namespace, first);
        dataplane().applyTable(namespace, second);
        dataplane().applyTable(namespace, new NftablesTable(NftablesTable.Family.IP, "strato_nat",
                "chain postrouting { type nat hook postrouting priority 100; }"));

        assertEquals(List.of("inet strato_filter", "ip strato_nat"), dataplane().listTables(namespace));

        dataplane().deleteTable(namespace, NftablesTable.Family.INET, "strato_filter");
        dataplane().deleteTable(namespace, NftablesTable.Family.INET, "strato_filter");
        assertEquals(List.of("ip strato_nat"), dataplane().listTables(namespace));
    }

    @Test
    void badNamesAndAddressesAreRejectedWithReasons() {
        DataplaneException longName = assertThrows(DataplaneException.class,
                () -> dataplane().ensureBridge("a-name-longer-than-15", 1500));
        assertEquals(DataplaneException.Reason.INVALID_ARGUMENT, longName.reason());
        assertTrue(longName.getMessage().contains("15"), longName.getMessage());
        assertEquals(DataplaneException.Reason.INVALID_ARGUMENT,
                reasonOf(() -> dataplane().ensureBridge(name("br0"), 20)));
        assertEquals(DataplaneException.Reason.INVALID_ARGUMENT,
                reasonOf(() -> new TapSpec(name("tap0"), "01:00:5e:00:00:01", 1500, name("br0"))));
        assertEquals(DataplaneException.Reason.INVALID_ARGUMENT, reasonOf(() -> IpCidr.parse("10.0.0.1")));
        assertEquals(DataplaneException.Reason.INVALID_ARGUMENT, reasonOf(() -> IpCidr.parse("example.com/24")));
        assertEquals(DataplaneException.Reason.INVALID_ARGUMENT, reasonOf(() -> IpCidr.parse("10.0.0.1/33")));
        assertEquals(List.of(), dataplane().listBridges(prefix()));
    }

    @Test
    void capabilitiesAlwaysIncludeFlatAndLocal() {
        Capabilities capabilities = dataplane().capabilities();

        assertTrue(capabilities.supports(SegmentationType.FLAT));
        assertTrue(capabilities.supports(SegmentationType.LOCAL));
        capabilities.require(SegmentationType.FLAT);
    }
}
