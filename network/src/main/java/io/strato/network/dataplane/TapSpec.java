package io.strato.network.dataplane;

import java.util.Locale;
import java.util.regex.Pattern;

/** A tap device for one guest NIC: its name, the guest's MAC address, MTU and the bridge it is plugged into. */
public record TapSpec(String name, String macAddress, int mtu, String bridge) {
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    public TapSpec {
        Names.device(name);
        Names.device(bridge);
        macAddress = macAddress == null ? null : macAddress.toLowerCase(Locale.ROOT);
        if (macAddress == null || !MAC.matcher(macAddress).matches()) {
            throw DataplaneException.invalid("MAC address '" + macAddress + "' is not six hex pairs such as fa:16:3e:00:00:01");
        }
        if ((Integer.parseInt(macAddress.substring(0, 2), 16) & 1) != 0) {
            throw DataplaneException.invalid("MAC address " + macAddress + " is a multicast address; a NIC needs a unicast one");
        }
        Mtu.check(mtu);
    }
}
