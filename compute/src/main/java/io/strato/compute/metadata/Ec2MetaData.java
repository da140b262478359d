package io.strato.compute.metadata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.strato.compute.metadata.MetadataVersions.ec2AtLeast;

/**
 * The EC2 {@code meta-data} tree (Nova's {@code get_ec2_metadata}) and its two renderings: JSON for
 * the config drive and the EC2 service's text listings.
 */
final class Ec2MetaData {
    private Ec2MetaData() {
    }

    /** The tree of a resolved EC2 version: maps, strings, integers, string lists, {@link Ec2Directory}s. */
    static Map<String, Object> render(InstanceMetadata instance, String version) {
        String hostname = instance.hostname();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ami-id", String.format("ami-%08x", instance.imageNumericId()));
        data.put("ami-launch-index", instance.launchIndex());
        data.put("ami-manifest-path", "FIXME");
        data.put("instance-id", String.format("i-%08x", instance.numericId()));
        data.put("hostname", hostname);
        data.put("local-ipv4", firstFixedIpv4(instance));
        data.put("reservation-id", instance.reservationId());
        data.put("security-groups", instance.securityGroups());
        if (!instance.publicKeys().isEmpty()) {
            Map<String, Object> keys = new LinkedHashMap<>();
            int index = 0;
            for (var key : instance.publicKeys().entrySet()) {
                Map<String, Object> entries = new LinkedHashMap<>();
                entries.put("openssh-key", key.getValue());
                keys.put(Integer.toString(index), new Ec2Directory(index + "=" + key.getKey(), entries));
                index++;
            }
            data.put("public-keys", keys);
        }
        if (ec2AtLeast("2007-01-19", version)) {
            data.put("local-hostname", hostname);
            data.put("public-hostname", hostname);
            data.put("public-ipv4", firstFloatingIp(instance));
        }
        if (ec2AtLeast("2007-08-29", version)) {
            data.put("instance-type", instance.flavorName());
        }
        if (ec2AtLeast("2007-12-15", version)) {
            data.put("block-device-mapping", blockDeviceMapping(instance.rootDeviceName()));
        }
        if (ec2AtLeast("2008-02-01", version)) {
            Map<String, Object> placement = new LinkedHashMap<>();
            placement.put("availability-zone", instance.availabilityZone());
            data.put("placement", placement);
        }
        if (ec2AtLeast("2008-09-01", version)) {
            data.put("instance-action", "none");
        }
        return data;
    }

    private static String firstFixedIpv4(InstanceMetadata instance) {
        for (NetworkPort port : instance.ports()) {
            for (PortSubnet subnet : port.subnets()) {
                if (subnet.ipVersion() == 4 && !subnet.fixedIps().isEmpty()) {
                    return subnet.fixedIps().getFirst();
                }
            }
        }
        return null;
    }

    private static String firstFloatingIp(InstanceMetadata instance) {
        for (NetworkPort port : instance.ports()) {
            if (!port.floatingIps().isEmpty()) {
                return port.floatingIps().getFirst();
            }
        }
        return "";
    }

    /** Nova's block_device.instance_block_mapping for an instance without extra volumes. */
    private static Map<String, Object> blockDeviceMapping(String rootDeviceName) {
        Map<String, Object> mapping = new LinkedHashMap<>();
        if (rootDeviceName == null) {
            mapping.put("ami", "sda1");
            mapping.put("ephemeral0", "sda2");
            mapping.put("root", "/dev/sda1");
            mapping.put("swap", "sda3");
            return mapping;
        }
        mapping.put("ami", rootDeviceName.startsWith("/dev/") ? rootDeviceName.substring(5) : rootDeviceName);
        mapping.put("root", rootDeviceName);
        return mapping;
    }

    /** The tree as plain JSON values ({@link Ec2Directory} names dropped, as Nova drops {@code _name}). */
    static Object toJsonValue(Object value) {
        return switch (value) {
            case Ec2Directory directory -> toJsonValue(directory.entries());
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((key, child) -> copy.put(String.valueOf(key), toJsonValue(child)));
                yield copy;
            }
            case null, default -> value;
        };
    }

    /** The text the EC2 service answers for a node (Nova's {@code ec2_md_print}). */
    static byte[] listing(Object value) {
        return switch (value) {
            case byte[] bytes -> bytes.clone();
            case Ec2Directory directory -> listing(directory.entries());
            case Map<?, ?> map -> {
                List<String> lines = new ArrayList<>();
                new TreeMap<>(map).forEach((key, child) -> lines.add(switch (child) {
                    case Ec2Directory directory -> directory.listingName();
                    case Map<?, ?> ignored -> key + "/";
                    case null, default -> String.valueOf(key);
                }));
                yield utf8(String.join("\n", lines));
            }
            case List<?> list -> utf8(String.join("\n", list.stream().map(String::valueOf).toList()));
            case null -> new byte[0];
            default -> utf8(String.valueOf(value));
        };
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
