package io.strato.compute.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetadataDocumentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetadataDocuments documents = new MetadataDocuments(SampleInstances.webServer(), new Random(1));

    private static JsonNode parse(byte[] bytes) throws IOException {
        return JSON.readTree(bytes);
    }

    private static List<String> keys(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void folsomMetaDataHasOnlyTheOriginalKeys() throws IOException {
        JsonNode metaData = parse(documents.metaData("2012-08-10", false));
        assertEquals(List.of("uuid", "meta", "public_keys", "keys", "hostname", "name", "launch_index",
                "availability_zone"), keys(metaData));
    }

    @Test
    void keysAppearVersionByVersionInNovasOrder() throws IOException {
        assertEquals(List.of("uuid", "meta", "public_keys", "keys", "hostname", "name", "launch_index",
                "availability_zone", "random_seed"), keys(parse(documents.metaData("2013-10-17", false))));
        assertEquals(List.of("uuid", "meta", "public_keys", "keys", "hostname", "name", "launch_index",
                "availability_zone", "random_seed", "project_id"), keys(parse(documents.metaData("2015-10-15", false))));
        for (String version : List.of("2016-06-30", "2016-10-06", "2017-02-22", "2018-08-27")) {
            assertEquals(List.of("uuid", "meta", "public_keys", "keys", "hostname", "name", "launch_index",
                    "availability_zone", "random_seed", "project_id", "devices"),
                    keys(parse(documents.metaData(version, false))), version);
        }
        for (String version : List.of("2020-10-14", "2025-04-04", "latest")) {
            assertEquals(List.of("uuid", "meta", "public_keys", "keys", "hostname", "name", "launch_index",
                    "availability_zone", "random_seed", "project_id", "devices", "dedicated_cpus"),
                    keys(parse(documents.metaData(version, false))), version);
        }
    }

    @Test
    void metaDataValues() throws IOException {
        JsonNode metaData = parse(documents.metaData("latest", false));
        assertEquals(SampleInstances.UUID, metaData.get("uuid").asText());
        assertEquals("web-1.novalocal", metaData.get("hostname").asText());
        assertEquals("web-1", metaData.get("name").asText());
        assertEquals(0, metaData.get("launch_index").asInt());
        assertEquals("nova", metaData.get("availability_zone").asText());
        assertEquals("project-a", metaData.get("project_id").asText());
        assertEquals("web", metaData.get("meta").get("role").asText());
        assertEquals(SampleInstances.KEY, metaData.get("public_keys").get("mykey").asText());
        JsonNode key = metaData.get("keys").get(0);
        assertEquals("mykey", key.get("name").asText());
        assertEquals("ssh", key.get("type").asText());
        assertEquals(SampleInstances.KEY, key.get("data").asText());
        assertTrue(metaData.get("devices").isArray() && metaData.get("devices").isEmpty());
        assertEquals("[1,3]", metaData.get("dedicated_cpus").toString());
        assertEquals(512, Base64.getDecoder().decode(metaData.get("random_seed").asText()).length);
    }

    @Test
    void randomSeedIsFreshEachTime() throws IOException {
        assertNotEquals(parse(documents.metaData("latest", false)).get("random_seed").asText(),
                parse(documents.metaData("latest", false)).get("random_seed").asText());
    }

    @Test
    void adminPasswordOnlyOnTheConfigDrive() throws IOException {
        assertFalse(parse(documents.metaData("latest", false)).has("admin_pass"));
        JsonNode onDrive = parse(documents.metaData("latest", true));
        assertEquals("s3cret", onDrive.get("admin_pass").asText());
        assertEquals(List.of("uuid", "meta", "admin_pass", "public_keys"), keys(onDrive).subList(0, 4));
        assertFalse(SampleInstances.webServer().toString().contains("s3cret"));
    }

    @Test
    void withoutKeysOrMetadataThoseKeysAreAbsent() throws IOException {
        InstanceMetadata bare = InstanceMetadata.builder("u-1", "bare.novalocal").build();
        JsonNode metaData = parse(new MetadataDocuments(bare).metaData("latest", true));
        assertFalse(metaData.has("meta"));
        assertFalse(metaData.has("public_keys"));
        assertFalse(metaData.has("keys"));
        assertFalse(metaData.has("admin_pass"));
        assertTrue(metaData.get("availability_zone").isNull());
        assertEquals("bare.novalocal", metaData.get("name").asText());
    }

    @Test
    void jsonIsWrittenLikePython() {
        InstanceMetadata instance = InstanceMetadata.builder("u-1", "h")
                .metadata(Map.of("greeting", "héllo \"world\"\n")).build();
        String text = new String(new MetadataDocuments(instance).metaData("2012-08-10", false),
                StandardCharsets.US_ASCII);
        assertEquals("{\"uuid\": \"u-1\", \"meta\": {\"greeting\": \"h\\u00e9llo \\\"world\\\"\\n\"}, "
                + "\"hostname\": \"h\", \"name\": \"h\", \"launch_index\": 0, \"availability_zone\": null}", text);
    }

    @Test
    void networkDataForStaticIpv4AndDhcp() throws IOException {
        JsonNode network = parse(documents.networkData());
        assertEquals(List.of("links", "networks", "services"), keys(network));

        JsonNode firstLink = network.get("links").get(0);
        assertEquals(List.of("id", "vif_id", "type", "mtu", "ethernet_mac_address"), keys(firstLink));
        assertEquals("tap3b6ad4d4-8b", firstLink.get("id").asText());
        assertEquals("3b6ad4d4-8b61-4d5c-9b63-0ea5a2b1c8f0", firstLink.get("vif_id").asText());
        assertEquals("phy", firstLink.get("type").asText());
        assertEquals(1450, firstLink.get("mtu").asInt());
        assertEquals("fa:16:3e:00:00:01", firstLink.get("ethernet_mac_address").asText());

        JsonNode secondLink = network.get("links").get(1);
        assertEquals("tap77aa0000-11", secondLink.get("id").asText());
        assertTrue(secondLink.get("mtu").isNull(), "Nova leaves the MTU to DHCP");

        JsonNode staticNetwork = network.get("networks").get(0);
        assertEquals(List.of("id", "type", "link", "ip_address", "netmask", "routes", "network_id", "services"),
                keys(staticNetwork));
        assertEquals("network0", staticNetwork.get("id").asText());
        assertEquals("ipv4", staticNetwork.get("type").asText());
        assertEquals("tap3b6ad4d4-8b", staticNetwork.get("link").asText());
        assertEquals("10.0.0.5", staticNetwork.get("ip_address").asText());
        assertEquals("255.255.255.0", staticNetwork.get("netmask").asText());
        assertEquals("net-private", staticNetwork.get("network_id").asText());
        assertEquals("[{\"network\":\"0.0.0.0\",\"netmask\":\"0.0.0.0\",\"gateway\":\"10.0.0.1\"},"
                + "{\"network\":\"172.16.0.0\",\"netmask\":\"255.240.0.0\",\"gateway\":\"10.0.0.254\"}]",
                staticNetwork.get("routes").toString());
        assertEquals("[{\"type\":\"dns\",\"address\":\"10.0.0.2\"},{\"type\":\"dns\",\"address\":\"8.8.8.8\"}]",
                staticNetwork.get("services").toString());

        JsonNode dhcpNetwork = network.get("networks").get(1);
        assertEquals("{\"id\":\"network1\",\"type\":\"ipv4_dhcp\",\"link\":\"tap77aa0000-11\",\"network_id\":\"net-dhcp\"}",
                dhcpNetwork.toString());

        assertEquals("[{\"type\":\"dns\",\"address\":\"10.0.0.2\"},{\"type\":\"dns\",\"address\":\"8.8.8.8\"},"
                + "{\"type\":\"dns\",\"address\":\"192.168.7.2\"}]", network.get("services").toString());
    }

    @Test
    void networkDataForIpv6Slaac() throws IOException {
        PortSubnet v6 = new PortSubnet("fd00:1:2:3::/64", "fd00:1:2:3::1", List.of(),
                List.of(new HostRoute("fd00:9::/48", "fd00:1:2:3::fe")), true, "slaac", List.of("fd00:1:2:3::10"));
        NetworkPort port = new NetworkPort("p1", "fa:16:3e:00:00:09", "tap-p1", "net6", 1500, "ovs", List.of(v6),
                List.of());
        JsonNode network = parse(new MetadataDocuments(InstanceMetadata.builder("u", "h").ports(List.of(port))
                .build()).networkData());
        assertEquals("tap-p1", network.get("links").get(0).get("id").asText());
        assertEquals("ovs", network.get("links").get(0).get("type").asText());
        JsonNode net = network.get("networks").get(0);
        assertEquals("ipv6_slaac", net.get("type").asText());
        assertEquals("ffff:ffff:ffff:ffff::", net.get("netmask").asText());
        assertEquals("[{\"network\":\"::\",\"netmask\":\"::\",\"gateway\":\"fd00:1:2:3::1\"},"
                + "{\"network\":\"fd00:9::\",\"netmask\":\"ffff:ffff:ffff::\",\"gateway\":\"fd00:1:2:3::fe\"}]",
                net.get("routes").toString());
    }

    @Test
    void networkDataWithoutPortsIsEmptyObject() {
        InstanceMetadata bare = InstanceMetadata.builder("u", "h").build();
        assertEquals("{}", new String(new MetadataDocuments(bare).networkData(), StandardCharsets.UTF_8));
    }

    @Test
    void vendorData() {
        assertEquals("{}", new String(documents.vendorData(), StandardCharsets.UTF_8));
        assertEquals("{\"static\": {}}", new String(documents.vendorData2(), StandardCharsets.UTF_8));
    }

    @Test
    void userDataIsPassedThroughByteForByte() {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        InstanceMetadata instance = InstanceMetadata.builder("u", "h").userData(binary).build();
        MetadataDocuments rendered = new MetadataDocuments(instance);
        assertArrayEquals(binary, rendered.userData().orElseThrow());
        assertArrayEquals(binary, rendered.configDriveFiles().get("openstack/latest/user_data"));
        assertArrayEquals(binary, rendered.configDriveFiles().get("ec2/latest/user-data"));
        binary[0] = 99;
        assertEquals(0, rendered.userData().orElseThrow()[0], "the record keeps its own copy");
    }

    @Test
    void listingPerVersion() {
        assertEquals(List.of("meta_data.json", "user_data"), documents.openstackListing("2012-08-10"));
        assertEquals(List.of("meta_data.json", "user_data", "password", "vendor_data.json"),
                documents.openstackListing("2013-10-17"));
        assertEquals(List.of("meta_data.json", "user_data", "password", "vendor_data.json", "network_data.json",
                "vendor_data2.json"), documents.openstackListing("latest"));
        assertThrows(IllegalArgumentException.class, () -> documents.openstackListing("2011-01-01"));
    }

    @Test
    void configDriveFilesLikeNova() {
        Map<String, byte[]> files = documents.configDriveFiles();
        List<String> paths = List.copyOf(files.keySet());
        assertEquals(List.of("ec2/2009-04-04/user-data", "ec2/2009-04-04/meta-data.json",
                "ec2/latest/user-data", "ec2/latest/meta-data.json",
                "openstack/2012-08-10/meta_data.json", "openstack/2012-08-10/user_data"), paths.subList(0, 6));
        assertFalse(files.containsKey("openstack/2012-08-10/vendor_data.json"));
        assertFalse(files.containsKey("openstack/2013-04-04/network_data.json"));
        assertTrue(files.containsKey("openstack/2013-10-17/vendor_data.json"));
        assertTrue(files.containsKey("openstack/2015-10-15/network_data.json"));
        assertFalse(files.containsKey("openstack/2016-06-30/vendor_data2.json"));
        assertTrue(files.containsKey("openstack/2016-10-06/vendor_data2.json"));
        for (String version : List.of("2012-08-10", "2013-04-04", "2013-10-17", "2015-10-15", "2016-06-30",
                "2016-10-06", "2017-02-22", "2018-08-27", "2020-10-14", "2025-04-04", "latest")) {
            assertTrue(files.containsKey("openstack/" + version + "/meta_data.json"), version);
        }
        assertTrue(paths.stream().noneMatch(path -> path.endsWith("/password")));
        assertTrue(new String(files.get("openstack/latest/meta_data.json"), StandardCharsets.UTF_8)
                .contains("\"admin_pass\": \"s3cret\""));
    }

    @Test
    void ec2MetaDataJsonForTheConfigDrive() throws IOException {
        JsonNode ec2 = parse(documents.ec2MetaDataJson("latest"));
        assertEquals(List.of("ami-id", "ami-launch-index", "ami-manifest-path", "instance-id", "hostname",
                "local-ipv4", "reservation-id", "security-groups", "public-keys", "local-hostname",
                "public-hostname", "public-ipv4", "instance-type", "block-device-mapping", "placement",
                "instance-action"), keys(ec2));
        assertEquals("ami-00000007", ec2.get("ami-id").asText());
        assertEquals("i-0000002a", ec2.get("instance-id").asText());
        assertEquals(0, ec2.get("ami-launch-index").asInt());
        assertEquals("10.0.0.5", ec2.get("local-ipv4").asText());
        assertEquals("203.0.113.10", ec2.get("public-ipv4").asText());
        assertEquals("m1.tiny", ec2.get("instance-type").asText());
        assertEquals("{\"0\":{\"openssh-key\":\"" + SampleInstances.KEY + "\"}}", ec2.get("public-keys").toString());
        assertEquals("{\"ami\":\"vda\",\"root\":\"/dev/vda\"}", ec2.get("block-device-mapping").toString());
        assertEquals("{\"availability-zone\":\"nova\"}", ec2.get("placement").toString());
        assertEquals("[\"default\",\"web\"]", ec2.get("security-groups").toString());
        assertEquals("none", ec2.get("instance-action").asText());
    }

    @Test
    void oldEc2VersionsHaveFewerKeys() throws IOException {
        JsonNode ec2 = parse(documents.ec2MetaDataJson("1.0"));
        assertEquals(List.of("ami-id", "ami-launch-index", "ami-manifest-path", "instance-id", "hostname",
                "local-ipv4", "reservation-id", "security-groups", "public-keys"), keys(ec2));
        assertThrows(IllegalArgumentException.class, () -> documents.ec2MetaDataJson("2010-01-01"));
    }
}
