package io.strato.compute.metadata;

import java.util.List;
import java.util.Objects;

/**
 * One of the instance's ports (a VIF in Nova's network info).
 *
 * @param portId the Neutron port id
 * @param macAddress the guest-visible MAC address
 * @param tapDevice the host device name; {@code null} means Nova's {@code "tap" + portId} cut to 14 characters
 * @param networkId the network the port is on
 * @param mtu the network's MTU, or {@code null} if unknown
 * @param linkType the link type the guest is told ({@code phy}, or a legacy exposed VIF type such as
 *     {@code ovs}, {@code bridge}, {@code tap}); {@code null} means {@code phy}
 * @param subnets the subnets the port has addresses on
 * @param floatingIps floating IPs associated with the port's fixed IPs (EC2 {@code public-ipv4})
 */
public record NetworkPort(String portId, String macAddress, String tapDevice, String networkId, Integer mtu,
                          String linkType, List<PortSubnet> subnets, List<String> floatingIps) {
    /** Nova's NIC_NAME_LEN. */
    private static final int DEVICE_NAME_LENGTH = 14;

    public NetworkPort {
        Objects.requireNonNull(portId, "portId");
        Objects.requireNonNull(macAddress, "macAddress");
        Objects.requireNonNull(networkId, "networkId");
        if (mtu != null && mtu < 68) {
            throw new IllegalArgumentException("mtu must be at least 68, got " + mtu);
        }
        linkType = linkType == null ? "phy" : linkType;
        subnets = subnets == null ? List.of() : List.copyOf(subnets);
        floatingIps = floatingIps == null ? List.of() : List.copyOf(floatingIps);
    }

    /** A port with a MAC, network, MTU and subnets, the device named after the port. */
    public static NetworkPort of(String portId, String macAddress, String networkId, Integer mtu,
                                 List<PortSubnet> subnets) {
        return new NetworkPort(portId, macAddress, null, networkId, mtu, null, subnets, List.of());
    }

    /** The link id the guest sees in network_data.json. */
    public String deviceName() {
        if (tapDevice != null) {
            return tapDevice;
        }
        String name = "tap" + portId;
        return name.length() > DEVICE_NAME_LENGTH ? name.substring(0, DEVICE_NAME_LENGTH) : name;
    }
}
