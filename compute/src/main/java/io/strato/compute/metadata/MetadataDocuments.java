package io.strato.compute.metadata;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

import static io.strato.compute.metadata.MetadataVersions.GRIZZLY;
import static io.strato.compute.metadata.MetadataVersions.HAVANA;
import static io.strato.compute.metadata.MetadataVersions.LIBERTY;
import static io.strato.compute.metadata.MetadataVersions.NEWTON_ONE;
import static io.strato.compute.metadata.MetadataVersions.NEWTON_TWO;
import static io.strato.compute.metadata.MetadataVersions.VICTORIA;
import static io.strato.compute.metadata.MetadataVersions.openstackAtLeast;

/**
 * The documents Nova serves for an instance and writes on its config drive
 * (nova/api/metadata/base.py, nova/virt/netutils.py), rendered from an {@link InstanceMetadata}.
 * JSON is written as Nova writes it (Python's {@code json.dumps} layout, Nova's key order).
 */
public final class MetadataDocuments {
    public static final String META_DATA = "meta_data.json";
    public static final String NETWORK_DATA = "network_data.json";
    public static final String VENDOR_DATA = "vendor_data.json";
    public static final String VENDOR_DATA2 = "vendor_data2.json";
    public static final String USER_DATA = "user_data";
    public static final String PASSWORD = "password";

    private static final int RANDOM_SEED_BYTES = 512;

    private final InstanceMetadata instance;
    private final RandomGenerator random;

    /**
     * @param instance what to render
     * @param random the source of {@code random_seed} (Nova uses {@code os.urandom})
     */
    public MetadataDocuments(InstanceMetadata instance, RandomGenerator random) {
        this.instance = Objects.requireNonNull(instance, "instance");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Documents with a {@link SecureRandom} seed source. */
    public MetadataDocuments(InstanceMetadata instance) {
        this(instance, new SecureRandom());
    }

    public InstanceMetadata instance() {
        return instance;
    }

    /**
     * {@code openstack/VERSION/meta_data.json}. A fresh {@code random_seed} on every call, as Nova does.
     *
     * @param version an OpenStack version or {@code latest}
     * @param forConfigDrive whether to include {@code admin_pass} (Nova puts it only on the config drive)
     * @throws IllegalArgumentException for an unknown version
     */
    public byte[] metaData(String version, boolean forConfigDrive) {
        String resolved = openstackVersion(version);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("uuid", instance.uuid());
        if (!instance.metadata().isEmpty()) {
            document.put("meta", new LinkedHashMap<>(instance.metadata()));
        }
        if (forConfigDrive && instance.adminPassword() != null && !instance.adminPassword().isEmpty()) {
            document.put("admin_pass", instance.adminPassword());
        }
        if (!instance.publicKeys().isEmpty()) {
            document.put("public_keys", new LinkedHashMap<>(instance.publicKeys()));
            List<Object> keys = new ArrayList<>();
            instance.publicKeys().forEach((name, key) -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", name);
                entry.put("type", key.startsWith("-----BEGIN CERTIFICATE") ? "x509" : "ssh");
                entry.put("data", key);
                keys.add(entry);
            });
            document.put("keys", keys);
        }
        document.put("hostname", instance.hostname());
        document.put("name", instance.name());
        document.put("launch_index", instance.launchIndex());
        document.put("availability_zone", instance.availabilityZone());
        if (openstackAtLeast(GRIZZLY, resolved)) {
            byte[] seed = new byte[RANDOM_SEED_BYTES];
            random.nextBytes(seed);
            document.put("random_seed", Base64.getEncoder().encodeToString(seed));
        }
        if (openstackAtLeast(LIBERTY, resolved)) {
            document.put("project_id", instance.projectId());
        }
        if (openstackAtLeast(NEWTON_ONE, resolved)) {
            document.put("devices", List.of());
        }
        if (openstackAtLeast(VICTORIA, resolved)) {
            document.put("dedicated_cpus", instance.dedicatedCpus().stream().sorted().toList());
        }
        return PythonJson.toBytes(document);
    }

    /** {@code network_data.json}: the same for every version. */
    public byte[] networkData() {
        Map<String, Object> document = NetworkDataDocument.render(instance.ports());
        return PythonJson.toBytes(document == null ? Map.of() : document);
    }

    /** {@code vendor_data.json}: Nova's StaticJSON provider without a file. */
    public byte[] vendorData() {
        return PythonJson.toBytes(Map.of());
    }

    /** {@code vendor_data2.json}: Nova's default providers ({@code StaticJSON} only, no file). */
    public byte[] vendorData2() {
        return PythonJson.toBytes(Map.of("static", Map.of()));
    }

    /** The raw user data, if the instance has any. */
    public Optional<byte[]> userData() {
        return Optional.ofNullable(instance.userData());
    }

    /** {@code password}: what the guest posted; Strato keeps none yet, so empty. */
    public byte[] password() {
        return new byte[0];
    }

    /** What {@code openstack/VERSION/} lists, in Nova's order. */
    public List<String> openstackListing(String version) {
        String resolved = openstackVersion(version);
        List<String> names = new ArrayList<>();
        names.add(META_DATA);
        if (instance.userData() != null) {
            names.add(USER_DATA);
        }
        if (openstackAtLeast(GRIZZLY, resolved)) {
            names.add(PASSWORD);
        }
        if (openstackAtLeast(HAVANA, resolved)) {
            names.add(VENDOR_DATA);
        }
        if (openstackAtLeast(LIBERTY, resolved)) {
            names.add(NETWORK_DATA);
        }
        if (openstackAtLeast(NEWTON_TWO, resolved)) {
            names.add(VENDOR_DATA2);
        }
        return List.copyOf(names);
    }

    /**
     * The files of {@code openstack/VERSION/} as a config drive holds them (no password file,
     * {@code admin_pass} in meta_data.json), in Nova's order.
     */
    public Map<String, byte[]> openstackFiles(String version) {
        String resolved = openstackVersion(version);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(META_DATA, metaData(version, true));
        userData().ifPresent(bytes -> files.put(USER_DATA, bytes));
        if (openstackAtLeast(HAVANA, resolved)) {
            files.put(VENDOR_DATA, vendorData());
        }
        if (openstackAtLeast(LIBERTY, resolved)) {
            files.put(NETWORK_DATA, networkData());
        }
        if (openstackAtLeast(NEWTON_TWO, resolved)) {
            files.put(VENDOR_DATA2, vendorData2());
        }
        return files;
    }

    /** The EC2 {@code meta-data} tree of an EC2 version ({@code latest} = {@code 2009-04-04}) as JSON, as on a config drive. */
    public byte[] ec2MetaDataJson(String version) {
        return PythonJson.toBytes(Ec2MetaData.toJsonValue(ec2MetaData(version)));
    }

    /** The EC2 tree of a version: {@code meta-data} and, if present, {@code user-data} (bytes). */
    Map<String, Object> ec2Version(String version) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("meta-data", ec2MetaData(version));
        userData().ifPresent(bytes -> data.put("user-data", bytes));
        return data;
    }

    Map<String, Object> ec2MetaData(String version) {
        String resolved = MetadataVersions.resolveEc2(version)
                .orElseThrow(() -> new IllegalArgumentException("unknown EC2 metadata version: " + version));
        return Ec2MetaData.render(instance, resolved);
    }

    /**
     * Every file of the config drive, path (relative, {@code /}-separated) to content, in Nova's
     * order: {@code ec2/2009-04-04/}, {@code ec2/latest/}, then {@code openstack/VERSION/} for
     * every OpenStack version and {@code latest}.
     */
    public Map<String, byte[]> configDriveFiles() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String version : MetadataVersions.EC2_ON_CONFIG_DRIVE) {
            userData().ifPresent(bytes -> files.put("ec2/" + version + "/user-data", bytes));
            files.put("ec2/" + version + "/meta-data.json", ec2MetaDataJson(version));
        }
        List<String> versions = new ArrayList<>(MetadataVersions.OPENSTACK);
        versions.add(MetadataVersions.LATEST);
        for (String version : versions) {
            openstackFiles(version).forEach((name, content) -> files.put("openstack/" + version + "/" + name, content));
        }
        return files;
    }

    private static String openstackVersion(String version) {
        return MetadataVersions.resolveOpenstack(version)
                .orElseThrow(() -> new IllegalArgumentException("unknown OpenStack metadata version: " + version));
    }
}
