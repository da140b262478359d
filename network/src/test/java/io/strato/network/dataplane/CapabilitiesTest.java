package io.strato.network.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {
    private final Capabilities withoutVlanAndVxlan = new Capabilities(
            Map.of(SegmentationType.VXLAN, "ip link add type vxlan failed: Error: Unknown device type.",
                    SegmentationType.VLAN, "ip link add type vlan failed: Error: Unknown device type."),
            false, Optional.of("ip link add type bridge vlan_filtering 1 failed: not supported"));

    @Test
    void requiringAMissingTypeSaysWhatIsMissingAndWhatWorks() {
        UnsupportedSegmentationException failure = assertThrows(UnsupportedSegmentationException.class,
                () -> withoutVlanAndVxlan.require(SegmentationType.VXLAN));

        assertEquals("this host's kernel has no VXLAN support (ip link add type vxlan failed: Error: Unknown device "
                + "type.); vxlan networks cannot be created here; flat and local networks work", failure.getMessage());
        assertEquals(DataplaneException.Reason.UNSUPPORTED, failure.reason());
        assertEquals(SegmentationType.VXLAN, failure.type());
    }

    @Test
    void supportedTypesAreTheOthers() {
        assertEquals(Set.of(SegmentationType.FLAT, SegmentationType.LOCAL), withoutVlanAndVxlan.supported());
        withoutVlanAndVxlan.require(SegmentationType.LOCAL);
    }

    @Test
    void flatAndLocalCannotBeDeclaredUnsupported() {
        assertThrows(IllegalArgumentException.class,
                () -> new Capabilities(Map.of(SegmentationType.FLAT, "no"), true, Optional.empty()));
    }
}
