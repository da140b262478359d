package io.strato.compute.metadata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ConfigDriveBuilderTest {
    @TempDir
    Path directory;

    private static List<String> command(String tool) {
        return tool.equals("xorriso") ? List.of("xorriso", "-as", "mkisofs") : List.of(tool);
    }

    private static byte[] binaryUserData() {
        byte[] bytes = new byte[1000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7);
        }
        return bytes;
    }

    @ParameterizedTest
    @ValueSource(strings = {"genisoimage", "xorriso"})
    void writesAnIsoLabelledConfig2(String tool) throws IOException {
        assumeTrue(ExternalCommand.installed(tool), tool + " is not installed");
        InstanceMetadata instance = SampleInstances.webServer().toBuilder().userData(binaryUserData()).build();
        MetadataDocuments documents = new MetadataDocuments(instance);
        Path iso = directory.resolve("disk.config");

        new ConfigDriveBuilder(command(tool), "Strato").build(documents, iso);

        byte[] image = Files.readAllBytes(iso);
        assertEquals("CD001", new String(image, 0x8001, 5, StandardCharsets.US_ASCII));
        assertEquals("config-2", new String(image, 0x8028, 32, StandardCharsets.US_ASCII).strip());
        try (Stream<Path> leftovers = Files.list(directory)) {
            assertEquals(List.of(iso), leftovers.toList(), "no temporary files are left behind");
        }

        assumeTrue(ExternalCommand.installed("isoinfo"), "isoinfo is not installed");
        String description = ExternalCommand.runText("isoinfo", "-d", "-i", iso.toString());
        assertTrue(description.contains("Volume id: config-2"), description);
        assertTrue(description.contains("Joliet"), description);
        assertTrue(description.contains("Rock Ridge"), description);
        assertTrue(description.contains("Publisher id: STRATO") || description.contains("Publisher id: Strato"),
                description);

        List<String> jolietFiles = Arrays.asList(ExternalCommand.runText("isoinfo", "-J", "-f", "-i", iso.toString())
                .split("\n"));
        for (String path : documents.configDriveFiles().keySet()) {
            assertTrue(jolietFiles.contains("/" + path), path + " missing in " + jolietFiles);
        }
        List<String> rockRidgeFiles = Arrays.asList(ExternalCommand.runText("isoinfo", "-R", "-f", "-i",
                iso.toString()).split("\n"));
        assertTrue(rockRidgeFiles.contains("/openstack/latest/meta_data.json"), rockRidgeFiles.toString());
        assertTrue(rockRidgeFiles.contains("/openstack/2012-08-10/meta_data.json"), rockRidgeFiles.toString());

        assertArrayEquals(instance.userData(), ExternalCommand.run("isoinfo", "-R", "-i", iso.toString(), "-x",
                "/openstack/latest/user_data"));
        String metaData = ExternalCommand.runText("isoinfo", "-R", "-i", iso.toString(), "-x",
                "/openstack/latest/meta_data.json");
        assertTrue(metaData.startsWith("{\"uuid\": \"" + SampleInstances.UUID + "\""), metaData);
        assertTrue(metaData.contains("\"admin_pass\": \"s3cret\""), metaData);
    }

    @Test
    void replacesAnExistingImage() throws IOException {
        var command = ConfigDriveBuilder.findIsoCommand(System.getenv("PATH"));
        assumeTrue(command.isPresent(), "neither genisoimage nor xorriso is installed");
        Path iso = directory.resolve("nested/disk.config");
        ConfigDriveBuilder builder = new ConfigDriveBuilder(command.get(), "Strato");
        builder.build(Map.of("openstack/latest/meta_data.json", "{\"uuid\": \"one\"}".getBytes()), iso);
        long first = Files.size(iso);
        builder.build(Map.of("openstack/latest/meta_data.json", new byte[100_000]), iso);
        assertTrue(Files.size(iso) > first);
    }

    @Test
    void missingToolGivesAClearError() {
        assertTrue(ConfigDriveBuilder.findIsoCommand(directory.toString()).isEmpty());
        ConfigDriveBuilder builder = new ConfigDriveBuilder(List.of(directory.resolve("no-such-mkisofs").toString()),
                "Strato");
        Path iso = directory.resolve("disk.config");
        ConfigDriveException error = assertThrows(ConfigDriveException.class,
                () -> builder.build(Map.of("a", new byte[1]), iso));
        assertTrue(error.getMessage().contains("install genisoimage"), error.getMessage());
        assertFalse(Files.exists(iso));
    }

    @Test
    void toolFailureIsReportedWithItsOutput() throws IOException {
        assumeTrue(ExternalCommand.installed("sh"), "no shell");
        Path failing = directory.resolve("failing-mkisofs");
        Files.writeString(failing, "#!/bin/sh\necho 'mkisofs: disk full' >&2\nexit 3\n");
        assertTrue(failing.toFile().setExecutable(true));
        Path iso = directory.resolve("out/disk.config");
        ConfigDriveException error = assertThrows(ConfigDriveException.class,
                () -> new ConfigDriveBuilder(List.of(failing.toString()), "Strato").build(Map.of("a", new byte[1]), iso));
        assertTrue(error.getMessage().contains("exited with status 3"), error.getMessage());
        assertTrue(error.getMessage().contains("disk full"), error.getMessage());
        try (Stream<Path> leftovers = Files.list(iso.getParent())) {
            assertEquals(List.of(), leftovers.toList(), "the partial image is removed");
        }
    }

    @Test
    void rejectsPathsOutsideTheDrive() {
        ConfigDriveBuilder builder = new ConfigDriveBuilder(List.of("genisoimage"), "Strato");
        Path iso = directory.resolve("disk.config");
        assertThrows(IllegalArgumentException.class, () -> builder.build(Map.of("../escape", new byte[1]), iso));
        assertThrows(IllegalArgumentException.class, () -> builder.build(Map.of("/etc/passwd", new byte[1]), iso));
    }
}
