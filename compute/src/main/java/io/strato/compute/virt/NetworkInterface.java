package io.strato.compute.virt;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One guest NIC.
 *
 * @param mac the guest-visible MAC address, {@code 52:54:00:12:34:56}
 * @param tapDevice the host tap device the NIC is plugged into (created by the network agent);
 *     {@code null} leaves the NIC unplugged
 * @param model the device model; {@code null} means {@code virtio}
 */
public record NetworkInterface(String mac, String tapDevice, String model) {
    private static final Pattern MAC = Pattern.compile("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9._-]{1,15}");

    public NetworkInterface {
        Objects.requireNonNull(mac, "mac");
        if (!MAC.matcher(mac).matches()) {
            throw new IllegalArgumentException("not a MAC address: " + mac);
        }
        if (tapDevice != null && !DEVICE.matcher(tapDevice).matches()) {
            throw new IllegalArgumentException("not a network device name: " + tapDevice);
        }
        model = model == null ? "virtio" : model;
    }
}
