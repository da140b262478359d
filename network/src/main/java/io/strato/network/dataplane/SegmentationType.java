package io.strato.network.dataplane;

import java.util.Locale;

/** Neutron's provider:network_type values the dataplane may carry. */
public enum SegmentationType {
    FLAT, LOCAL, VLAN, VXLAN;

    /** The Neutron spelling, e.g. {@code vxlan}. */
    public String networkType() {
        return name().toLowerCase(Locale.ROOT);
    }
}
