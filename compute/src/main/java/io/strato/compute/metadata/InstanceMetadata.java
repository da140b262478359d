package io.strato.compute.metadata;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What compute knows about an instance that the guest may read, from the metadata service or
 * the config drive. Build one with {@link #builder(String, String)}.
 *
 * @param uuid the server id
 * @param numericId the instance's numeric id, shown as EC2 {@code instance-id} {@code i-%08x}
 * @param name the display name
 * @param hostname the hostname as the guest is told it (Nova appends its {@code dhcp_domain},
 *     e.g. {@code web-1.novalocal}; the caller decides)
 * @param projectId the owning project
 * @param availabilityZone the availability zone, or {@code null}
 * @param launchIndex the index within a multi-create request
 * @param flavorName the flavor's name (EC2 {@code instance-type})
 * @param imageId the image's id
 * @param imageNumericId the image's numeric id, shown as EC2 {@code ami-id} {@code ami-%08x}
 * @param reservationId the reservation id, {@code r-xxxxxxxx}
 * @param metadata the server's metadata key/values ({@code meta})
 * @param publicKeys key pair name to public key, in order (Nova has one)
 * @param userData the raw user data, or {@code null}
 * @param adminPassword the admin password, or {@code null}; written only on a config drive
 * @param ports the instance's ports, in attachment order
 * @param securityGroups security group names
 * @param rootDeviceName the root disk as the guest sees it, {@code /dev/vda}; {@code null} gives Nova's defaults
 * @param dedicatedCpus the host CPUs pinned to the instance (empty if not pinned)
 */
public record InstanceMetadata(String uuid, long numericId, String name, String hostname, String projectId,
                               String availabilityZone, int launchIndex, String flavorName, String imageId,
                               long imageNumericId, String reservationId, Map<String, String> metadata,
                               Map<String, String> publicKeys, byte[] userData, String adminPassword,
                               List<NetworkPort> ports, List<String> securityGroups, String rootDeviceName,
                               List<Integer> dedicatedCpus) {
    public InstanceMetadata {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(hostname, "hostname");
        if (numericId < 0 || imageNumericId < 0) {
            throw new IllegalArgumentException("numeric ids must not be negative");
        }
        if (launchIndex < 0) {
            throw new IllegalArgumentException("launchIndex must not be negative, got " + launchIndex);
        }
        name = name == null ? hostname : name;
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        publicKeys = publicKeys == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(publicKeys));
        userData = userData == null ? null : userData.clone();
        ports = ports == null ? List.of() : List.copyOf(ports);
        securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
        dedicatedCpus = dedicatedCpus == null ? List.of() : List.copyOf(dedicatedCpus);
    }

    /** A builder with the required uuid and hostname; everything else empty or zero. */
    public static Builder builder(String uuid, String hostname) {
        return new Builder(uuid, hostname);
    }

    /** A copy of the user data, or {@code null}. */
    @Override
    public byte[] userData() {
        return userData == null ? null : userData.clone();
    }

    /** A builder prefilled with this record's values. */
    public Builder toBuilder() {
        Builder builder = new Builder(uuid, hostname);
        builder.numericId = numericId;
        builder.name = name;
        builder.projectId = projectId;
        builder.availabilityZone = availabilityZone;
        builder.launchIndex = launchIndex;
        builder.flavorName = flavorName;
        builder.imageId = imageId;
        builder.imageNumericId = imageNumericId;
        builder.reservationId = reservationId;
        builder.metadata = metadata;
        builder.publicKeys = publicKeys;
        builder.userData = userData;
        builder.adminPassword = adminPassword;
        builder.ports = ports;
        builder.securityGroups = securityGroups;
        builder.rootDeviceName = rootDeviceName;
        builder.dedicatedCpus = dedicatedCpus;
        return builder;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InstanceMetadata that
                && numericId == that.numericId && launchIndex == that.launchIndex
                && imageNumericId == that.imageNumericId && uuid.equals(that.uuid)
                && name.equals(that.name) && hostname.equals(that.hostname)
                && Objects.equals(projectId, that.projectId)
                && Objects.equals(availabilityZone, that.availabilityZone)
                && Objects.equals(flavorName, that.flavorName) && Objects.equals(imageId, that.imageId)
                && Objects.equals(reservationId, that.reservationId) && metadata.equals(that.metadata)
                && publicKeys.equals(that.publicKeys) && Arrays.equals(userData, that.userData)
                && Objects.equals(adminPassword, that.adminPassword) && ports.equals(that.ports)
                && securityGroups.equals(that.securityGroups)
                && Objects.equals(rootDeviceName, that.rootDeviceName) && dedicatedCpus.equals(that.dedicatedCpus);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uuid, numericId, hostname, launchIndex) * 31 + Arrays.hashCode(userData);
    }

    /** Secrets and user data stay out of logs. */
    @Override
    public String toString() {
        return "InstanceMetadata[uuid=" + uuid + ", hostname=" + hostname + ", projectId=" + projectId
                + ", ports=" + ports.size() + ", userData=" + (userData == null ? "none" : userData.length + " bytes")
                + ", adminPassword=" + (adminPassword == null ? "none" : "***") + "]";
    }

    /** Builds an {@link InstanceMetadata}. */
    public static final class Builder {
        private final String uuid;
        private final String hostname;
        private long numericId;
        private String name;
        private String projectId;
        private String availabilityZone;
        private int launchIndex;
        private String flavorName;
        private String imageId;
        private long imageNumericId;
        private String reservationId;
        private Map<String, String> metadata = Map.of();
        private Map<String, String> publicKeys = Map.of();
        private byte[] userData;
        private String adminPassword;
        private List<NetworkPort> ports = List.of();
        private List<String> securityGroups = List.of();
        private String rootDeviceName = "/dev/vda";
        private List<Integer> dedicatedCpus = List.of();

        private Builder(String uuid, String hostname) {
            this.uuid = uuid;
            this.hostname = hostname;
        }

        public Builder numericId(long value) {
            numericId = value;
            return this;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder projectId(String value) {
            projectId = value;
            return this;
        }

        public Builder availabilityZone(String value) {
            availabilityZone = value;
            return this;
        }

        public Builder launchIndex(int value) {
            launchIndex = value;
            return this;
        }

        public Builder flavorName(String value) {
            flavorName = value;
            return this;
        }

        public Builder imageId(String value) {
            imageId = value;
            return this;
        }

        public Builder imageNumericId(long value) {
            imageNumericId = value;
            return this;
        }

        public Builder reservationId(String value) {
            reservationId = value;
            return this;
        }

        public Builder metadata(Map<String, String> value) {
            metadata = value;
            return this;
        }

        public Builder publicKeys(Map<String, String> value) {
            publicKeys = value;
            return this;
        }

        /** Adds one key pair. */
        public Builder publicKey(String keyName, String publicKey) {
            Map<String, String> keys = new LinkedHashMap<>(publicKeys);
            keys.put(keyName, publicKey);
            publicKeys = keys;
            return this;
        }

        public Builder userData(byte[] value) {
            userData = value;
            return this;
        }

        public Builder adminPassword(String value) {
            adminPassword = value;
            return this;
        }

        public Builder ports(List<NetworkPort> value) {
            ports = value;
            return this;
        }

        public Builder securityGroups(List<String> value) {
            securityGroups = value;
            return this;
        }

        public Builder rootDeviceName(String value) {
            rootDeviceName = value;
            return this;
        }

        public Builder dedicatedCpus(List<Integer> value) {
            dedicatedCpus = value;
            return this;
        }

        public InstanceMetadata build() {
            return new InstanceMetadata(uuid, numericId, name, hostname, projectId, availabilityZone, launchIndex,
                    flavorName, imageId, imageNumericId, reservationId, metadata, publicKeys, userData,
                    adminPassword, ports, securityGroups, rootDeviceName, dedicatedCpus);
        }
    }
}
