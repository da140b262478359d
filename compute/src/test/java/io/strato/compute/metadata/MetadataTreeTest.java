package io.strato.compute.metadata;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetadataTreeTest {
    private final InstanceMetadata instance = SampleInstances.webServer();
    private final MetadataTree tree = new MetadataTree(new MetadataDocuments(instance, new Random(7)));

    private String text(String path) {
        MetadataResponse response = tree.get(path).orElseThrow(() -> new AssertionError("404 for " + path));
        assertEquals(MetadataResponse.TEXT, response.contentType(), path);
        return response.text();
    }

    private void assertNotFound(String path) {
        assertTrue(tree.get(path).isEmpty(), path + " should be 404");
    }

    @Test
    void rootListsEc2Versions() {
        String expected = "1.0\n2007-01-19\n2007-03-01\n2007-08-29\n2007-10-10\n2007-12-15\n2008-02-01\n"
                + "2008-09-01\n2009-04-04\nlatest";
        assertEquals(expected, text("/"));
        assertEquals(expected, text(""));
        assertEquals(expected, text("/ec2"));
    }

    @Test
    void openstackListsItsVersions() {
        String expected = "2012-08-10\n2013-04-04\n2013-10-17\n2015-10-15\n2016-06-30\n2016-10-06\n"
                + "2017-02-22\n2018-08-27\n2020-10-14\n2025-04-04\nlatest";
        assertEquals(expected, text("/openstack"));
        assertEquals(expected, text("/openstack/"));
    }

    @Test
    void futureVersionsAreHiddenButServed() {
        Clock early2020 = Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC);
        MetadataTree then = new MetadataTree(new MetadataDocuments(instance), early2020);
        assertEquals("2012-08-10\n2013-04-04\n2013-10-17\n2015-10-15\n2016-06-30\n2016-10-06\n"
                + "2017-02-22\n2018-08-27\nlatest", then.get("/openstack").orElseThrow().text());
        assertTrue(then.get("/openstack/2020-10-14/meta_data.json").isPresent());
    }

    @Test
    void openstackVersionDirectories() {
        assertEquals("meta_data.json\nuser_data", text("/openstack/2012-08-10/"));
        assertEquals("meta_data.json\nuser_data", text("/openstack/2012-08-10"));
        assertEquals("meta_data.json\nuser_data\npassword\nvendor_data.json\nnetwork_data.json\nvendor_data2.json",
                text("/openstack/latest"));
        assertNotFound("/openstack/2011-01-01/");
        assertNotFound("/openstack/2011-01-01/meta_data.json");
    }

    @Test
    void openstackFiles() throws IOException {
        MetadataResponse metaData = tree.get("/openstack/latest/meta_data.json").orElseThrow();
        assertEquals(MetadataResponse.JSON, metaData.contentType());
        var parsed = new ObjectMapper().readTree(metaData.content());
        assertEquals(SampleInstances.UUID, parsed.get("uuid").asText());
        assertFalse(parsed.has("admin_pass"), "the service never shows the admin password");

        assertEquals(MetadataResponse.JSON, tree.get("/openstack/latest/network_data.json").orElseThrow().contentType());
        assertEquals("{}", tree.get("/openstack/2013-10-17/vendor_data.json").orElseThrow().text());
        assertEquals("{\"static\": {}}", tree.get("/openstack/2016-10-06/vendor_data2.json").orElseThrow().text());
        assertArrayEquals(instance.userData(), tree.get("/openstack/latest/user_data").orElseThrow().content());
        assertEquals("", text("/openstack/latest/password"));

        assertNotFound("/openstack/2012-08-10/password");
        assertNotFound("/openstack/2013-04-04/vendor_data.json");
        assertNotFound("/openstack/2016-06-30/vendor_data2.json");
        assertNotFound("/openstack/latest/nothing.json");
        assertNotFound("/openstack/content/0000");
    }

    @Test
    void userDataIsNotFoundWhenAbsent() {
        MetadataTree bare = new MetadataTree(new MetadataDocuments(InstanceMetadata.builder("u", "h").build()));
        assertTrue(bare.get("/openstack/latest/user_data").isEmpty());
        assertTrue(bare.get("/latest/user-data").isEmpty());
        assertEquals("meta-data/", bare.get("/latest").orElseThrow().text());
        assertEquals("meta_data.json\npassword\nvendor_data.json\nnetwork_data.json\nvendor_data2.json",
                bare.get("/openstack/latest").orElseThrow().text());
    }

    @Test
    void ec2VersionDirectory() {
        assertEquals("meta-data/\nuser-data", text("/latest/"));
        assertEquals("meta-data/\nuser-data", text("/2009-04-04"));
        assertArrayEquals(instance.userData(), tree.get("/latest/user-data").orElseThrow().content());
        assertNotFound("/2010-01-01/meta-data/");
    }

    @Test
    void ec2MetaDataListingIsSortedWithDirectorySlashes() {
        assertEquals(String.join("\n", "ami-id", "ami-launch-index", "ami-manifest-path", "block-device-mapping/",
                "hostname", "instance-action", "instance-id", "instance-type", "local-hostname", "local-ipv4",
                "placement/", "public-hostname", "public-ipv4", "public-keys/", "reservation-id", "security-groups"),
                text("/latest/meta-data/"));
        assertEquals(text("/latest/meta-data/"), text("/ec2/latest/meta-data"));
    }

    @Test
    void ec2Values() {
        assertEquals("i-0000002a", text("/latest/meta-data/instance-id"));
        assertEquals("ami-00000007", text("/latest/meta-data/ami-id"));
        assertEquals("0", text("/latest/meta-data/ami-launch-index"));
        assertEquals("FIXME", text("/latest/meta-data/ami-manifest-path"));
        assertEquals("web-1.novalocal", text("/latest/meta-data/hostname"));
        assertEquals("web-1.novalocal", text("/latest/meta-data/local-hostname"));
        assertEquals("10.0.0.5", text("/latest/meta-data/local-ipv4"));
        assertEquals("203.0.113.10", text("/latest/meta-data/public-ipv4"));
        assertEquals("m1.tiny", text("/latest/meta-data/instance-type"));
        assertEquals("r-abcdef12", text("/latest/meta-data/reservation-id"));
        assertEquals("default\nweb", text("/latest/meta-data/security-groups"));
        assertEquals("none", text("/latest/meta-data/instance-action"));
        assertEquals("availability-zone", text("/latest/meta-data/placement/"));
        assertEquals("nova", text("/latest/meta-data/placement/availability-zone"));
        assertEquals("ami\nroot", text("/latest/meta-data/block-device-mapping"));
        assertEquals("/dev/vda", text("/latest/meta-data/block-device-mapping/root"));
        assertEquals("vda", text("/2009-04-04/meta-data/block-device-mapping/ami"));
    }

    @Test
    void ec2PublicKeys() {
        assertEquals("0=mykey", text("/latest/meta-data/public-keys/"));
        assertEquals("openssh-key", text("/latest/meta-data/public-keys/0/"));
        assertEquals(SampleInstances.KEY, text("/latest/meta-data/public-keys/0/openssh-key"));
        assertNotFound("/latest/meta-data/public-keys/1");
        assertNotFound("/latest/meta-data/public-keys/0/openssh-key/more");
    }

    @Test
    void olderEc2VersionsLackNewerKeys() {
        assertEquals(String.join("\n", "ami-id", "ami-launch-index", "ami-manifest-path", "hostname",
                "instance-id", "local-ipv4", "public-keys/", "reservation-id", "security-groups"),
                text("/1.0/meta-data/"));
        assertNotFound("/2007-12-15/meta-data/placement/availability-zone");
        assertEquals("nova", text("/2008-02-01/meta-data/placement/availability-zone"));
        assertNotFound("/2008-02-01/meta-data/instance-action");
    }

    @Test
    void pathsAreNormalised() {
        assertEquals("i-0000002a", text("//latest//meta-data/./instance-id/"));
        assertEquals("i-0000002a", text("/latest/meta-data/placement/../instance-id"));
    }

    @Test
    void unknownEc2KeysAreNotFound() {
        assertNotFound("/latest/meta-data/nothing");
        assertNotFound("/latest/meta-data/hostname/extra");
    }
}
