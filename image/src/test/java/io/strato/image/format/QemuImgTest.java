package io.strato.image.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real images made by {@code qemu-img} (Debian package qemu-utils): the detected format, the
 * virtual size against {@code qemu-img info --output=json}, and Glance's policy outcome. Skipped when
 * qemu-img is not on the PATH.
 */
class QemuImgTest {
    private static final Path DIRECTORY = Path.of("target", "qemu-img-fixtures");
    private static final Pattern VIRTUAL_SIZE = Pattern.compile("\"virtual-size\"\\s*:\\s*(\\d+)");
    private static final int[] CHUNK_SIZES = {4093, 65536, 1024 * 1024 + 1};

    @BeforeAll
    static void requireQemuImg() throws IOException {
        Assumptions.assumeTrue(onPath("qemu-img"), "qemu-img is not on the PATH (apt-get install qemu-utils)");
        if (Files.exists(DIRECTORY)) {
            try (Stream<Path> files = Files.walk(DIRECTORY)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(DIRECTORY);
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(DIRECTORY.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
            assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " failed:\n" + output);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** qemu-img's virtual size, read with the format given (a fixed VHD probes as raw). */
    private static long qemuVirtualSize(String qemuFormat, String name) {
        String json = run("qemu-img", "info", "-f", qemuFormat, "--output=json", name);
        Matcher matcher = VIRTUAL_SIZE.matcher(json);
        assertTrue(matcher.find(), json);
        return Long.parseLong(matcher.group(1));
    }

    private static Inspection inspect(String name) {
        Path file = DIRECTORY.resolve(name);
        Inspection first = ImageFixtures.inspect(file, CHUNK_SIZES[0]);
        for (int chunkSize : CHUNK_SIZES) {
            assertEquals(first, ImageFixtures.inspect(file, chunkSize), name + " in chunks of " + chunkSize);
        }
        try {
            assertEquals(Files.size(file), first.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return first;
    }

    private static String[] create(String qemuFormat, String name, String size, String... options) {
        List<String> command = new ArrayList<>(List.of("qemu-img", "create", "-q", "-f", qemuFormat));
        for (String option : options) {
            command.add("-o");
            command.add(option);
        }
        command.add(name);
        command.add(size);
        return command.toArray(String[]::new);
    }

    /** Every declared format the policy knows, and whether this content is accepted under it. */
    private static void assertPolicy(Inspection inspection, String... acceptedDeclarations) {
        for (String declared : List.of("raw", "qcow2", "vmdk", "vdi", "vhd", "vhdx", "iso", "ami", "ari", "aki")) {
            boolean expected = List.of(acceptedDeclarations).contains(declared);
            Optional<String> refusal = FormatPolicy.check(declared, inspection);
            assertEquals(expected, refusal.isEmpty(), () -> "declared " + declared + ": " + refusal.orElse("accepted"));
        }
    }

    @ParameterizedTest(name = "qemu-img create -f {0} {2} {3}")
    @CsvSource({
        "qcow2, QCOW2, 100M, ''",
        "qcow2, QCOW2, 1G, compat=0.10",
        "qcow2, QCOW2, 3G, cluster_size=2M",
        "qcow2, QCOW2, 10M, compression_type=zstd",
        "vmdk, VMDK, 100M, ''",
        "vmdk, VMDK, 1G, subformat=streamOptimized",
        "vdi, VDI, 100M, ''",
        "vdi, VDI, 10M, static=on",
        "vpc, VHD, 100M, ''",
        "vpc, VHD, 10M, subformat=fixed",
        "vpc, VHD, 100M, force_size=on",
        "vhdx, VHDX, 100M, ''",
        "vhdx, VHDX, 10G, block_size=32M",
        "raw, RAW, 10M, ''"
    })
    void emptyImages(String qemuFormat, DiskFormat expected, String size, String option) {
        String name = "empty-" + qemuFormat + "-" + size + (option.isEmpty() ? "" : "-" + option.replaceAll("\\W", "_"));
        run(option.isEmpty() ? create(qemuFormat, name, size) : create(qemuFormat, name, size, option));
        Inspection inspection = inspect(name);
        assertEquals(expected, inspection.detected());
        assertEquals(List.of(), inspection.safetyProblems());
        assertEquals(qemuVirtualSize(qemuFormat, name), inspection.virtualSize());
        if (expected == DiskFormat.RAW) {
            assertPolicy(inspection, "raw", "ami", "ari", "aki");
        } else {
            assertPolicy(inspection, expected.glanceName());
        }
    }

    @ParameterizedTest(name = "qemu-img convert -O {0} {2}")
    @CsvSource({
        "qcow2, QCOW2, ''",
        "vmdk, VMDK, ''",
        "vmdk, VMDK, subformat=streamOptimized",
        "vdi, VDI, ''",
        "vpc, VHD, ''",
        "vpc, VHD, subformat=fixed",
        "vhdx, VHDX, ''"
    })
    void imagesWithData(String qemuFormat, DiskFormat expected, String option) throws IOException {
        String source = "data-source.raw";
        if (!Files.exists(DIRECTORY.resolve(source))) {
            byte[] data = new byte[6 * 1024 * 1024];
            Random random = new Random(7);
            for (int offset = 0; offset < data.length; offset += 256 * 1024) {
                byte[] block = new byte[64 * 1024];
                random.nextBytes(block);
                System.arraycopy(block, 0, data, offset, block.length);
            }
            Files.write(DIRECTORY.resolve(source), data);
        }
        String name = "data-" + qemuFormat + (option.isEmpty() ? "" : "-" + option.replaceAll("\\W", "_"));
        List<String> command = new ArrayList<>(List.of("qemu-img", "convert", "-q", "-f", "raw", "-O", qemuFormat));
        if (!option.isEmpty()) {
            command.addAll(List.of("-o", option));
        }
        command.addAll(List.of(source, name));
        run(command.toArray(String[]::new));
        Inspection inspection = inspect(name);
        assertEquals(expected, inspection.detected());
        assertEquals(List.of(), inspection.safetyProblems());
        assertEquals(qemuVirtualSize(qemuFormat, name), inspection.virtualSize());
        assertPolicy(inspection, expected.glanceName());
    }

    @Test
    void fixedVhdOfAPartitionedDiskIsAVhd() throws IOException {
        Files.write(DIRECTORY.resolve("partitioned.raw"), ImageFixtures.mbrDisk(8 * 1024 * 1024));
        run("qemu-img", "convert", "-q", "-f", "raw", "-O", "vpc", "-o", "subformat=fixed", "partitioned.raw", "partitioned.vhd");
        Inspection inspection = inspect("partitioned.vhd");
        assertEquals(DiskFormat.VHD, inspection.detected());
        assertEquals(List.of(), inspection.safetyProblems());
        assertEquals(qemuVirtualSize("vpc", "partitioned.vhd"), inspection.virtualSize());
        assertPolicy(inspection, "vhd");
    }

    @Test
    void qcow2WithBackingFileIsRefused() {
        run(create("qcow2", "base.qcow2", "64M"));
        run("qemu-img", "create", "-q", "-f", "qcow2", "-b", "base.qcow2", "-F", "qcow2", "child.qcow2");
        Inspection inspection = inspect("child.qcow2");
        assertEquals(DiskFormat.QCOW2, inspection.detected());
        assertEquals(qemuVirtualSize("qcow2", "child.qcow2"), inspection.virtualSize());
        assertEquals(List.of("qcow2 image has a backing file; images with backing files are refused"), inspection.safetyProblems());
        assertEquals(Optional.of("qcow2 image has a backing file; images with backing files are refused"),
                FormatPolicy.check("qcow2", inspection));
        assertPolicy(inspection);
    }

    @Test
    void qcow2WithExternalDataFileIsRefused() {
        run(create("qcow2", "external.qcow2", "32M", "data_file=external-data.raw"));
        Inspection inspection = inspect("external.qcow2");
        assertEquals(DiskFormat.QCOW2, inspection.detected());
        assertEquals(qemuVirtualSize("qcow2", "external.qcow2"), inspection.virtualSize());
        assertTrue(inspection.safetyProblems().stream().anyMatch(problem -> problem.contains("external data file")),
                inspection.safetyProblems()::toString);
        assertPolicy(inspection);
        assertTrue(FormatPolicy.check("qcow2", inspection).orElseThrow().contains("external data file"));
    }

    @Test
    void qcow2WithExtendedL2EntriesIsRefusedAsOsloDoes() {
        run(create("qcow2", "extended.qcow2", "16M", "extended_l2=on"));
        Inspection inspection = inspect("extended.qcow2");
        assertEquals(DiskFormat.QCOW2, inspection.detected());
        assertTrue(inspection.safetyProblems().get(0).contains("unknown incompatible feature bits (0x10)"),
                inspection.safetyProblems()::toString);
    }

    @Test
    void vmdkDescriptorFileIsRefused() {
        run(create("vmdk", "flat.vmdk", "10M", "subformat=monolithicFlat"));
        Inspection inspection = inspect("flat.vmdk");
        assertEquals(DiskFormat.VMDK, inspection.detected());
        assertNull(inspection.virtualSize());
        assertTrue(inspection.safetyProblems().stream().anyMatch(problem -> problem.contains("createType monolithicflat")),
                inspection.safetyProblems()::toString);
        assertPolicy(inspection);
        Inspection extent = inspect("flat-flat.vmdk");
        assertEquals(DiskFormat.RAW, extent.detected());
        assertEquals(qemuVirtualSize("raw", "flat-flat.vmdk"), extent.virtualSize());
    }

    @Test
    void vmdkSplitSparseIsRefused() {
        run(create("vmdk", "split.vmdk", "10M", "subformat=twoGbMaxExtentSparse"));
        Inspection descriptor = inspect("split.vmdk");
        assertEquals(DiskFormat.VMDK, descriptor.detected());
        assertTrue(descriptor.safetyProblems().stream().anyMatch(problem -> problem.contains("twogbmaxextentsparse")),
                descriptor.safetyProblems()::toString);
        assertPolicy(descriptor);
    }

    @Test
    void qedIsRefused() {
        run(create("qed", "image.qed", "100M"));
        Inspection inspection = inspect("image.qed");
        assertEquals(DiskFormat.QED, inspection.detected());
        assertEquals(qemuVirtualSize("qed", "image.qed"), inspection.virtualSize());
        assertEquals(List.of("qed images are not allowed"), inspection.safetyProblems());
        assertPolicy(inspection);
    }

    @Test
    void aTextFileRenamedToQcow2IsRaw() throws IOException {
        Path text = DIRECTORY.resolve("notes.txt");
        Files.writeString(text, "These are not the disk images you are looking for.\n".repeat(200));
        Files.move(text, DIRECTORY.resolve("renamed.qcow2"));
        Inspection inspection = inspect("renamed.qcow2");
        assertEquals(DiskFormat.RAW, inspection.detected());
        assertEquals(10200L, inspection.virtualSize());
        // qemu counts raw files in whole 512-byte sectors; Glance (and this inspector) count bytes
        assertEquals(qemuVirtualSize("raw", "renamed.qcow2"), (inspection.virtualSize() + 511) / 512 * 512);
        assertEquals(List.of(), inspection.safetyProblems());
        assertEquals(Optional.of("Image content does not match the declared disk_format qcow2: it is raw"),
                FormatPolicy.check("qcow2", inspection));
        assertPolicy(inspection, "raw", "ami", "ari", "aki");
    }

    @Test
    void aRawDiskCarryingAQcow2HeaderIsRefused() throws IOException {
        run(create("qcow2", "header.qcow2", "1G"));
        byte[] disk = ImageFixtures.mbrDisk(1024 * 1024);
        byte[] header = Files.readAllBytes(DIRECTORY.resolve("header.qcow2"));
        System.arraycopy(header, 0, disk, 0, 440);
        Files.write(DIRECTORY.resolve("disk-with-header.raw"), disk);
        Inspection inspection = inspect("disk-with-header.raw");
        assertEquals(List.of("Image content matches more than one disk format (mbr, qcow2); such images are refused"),
                inspection.safetyProblems());
        assertPolicy(inspection);
    }
}
