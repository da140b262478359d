package io.strato.image.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real ISOs made by genisoimage and xorriso (Debian packages of the same names), including hybrid
 * ISOs with an MBR in their system area, and oslo's "bad ISO" with a qcow2 header there. Skipped when
 * the tools are not on the PATH.
 */
class IsoImageTest {
    private static final Path DIRECTORY = Path.of("target", "iso-fixtures");

    @BeforeAll
    static void requireTools() throws IOException {
        Assumptions.assumeTrue(onPath("genisoimage") && onPath("xorriso"), "genisoimage and xorriso are not on the PATH");
        Files.createDirectories(DIRECTORY.resolve("content"));
        Files.writeString(DIRECTORY.resolve("content").resolve("hello.txt"), "hello\n");
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(DIRECTORY.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
    }

    private static Inspection assertIso(String name) throws IOException {
        Path file = DIRECTORY.resolve(name);
        Inspection inspection = ImageFixtures.inspect(file, 4093);
        assertEquals(new Inspection(DiskFormat.ISO, Files.size(file), Files.size(file), List.of()), inspection);
        assertEquals(Optional.empty(), FormatPolicy.check("iso", inspection));
        assertEquals(Optional.empty(), FormatPolicy.check("raw", inspection));
        assertEquals(Optional.of("Image content does not match the declared disk_format qcow2: it is iso"),
                FormatPolicy.check("qcow2", inspection));
        return inspection;
    }

    @Test
    void iso9660() throws Exception {
        run("genisoimage", "-quiet", "-o", "plain.iso", "content");
        assertIso("plain.iso");
    }

    @Test
    void udfBridge() throws Exception {
        run("genisoimage", "-quiet", "-udf", "-o", "udf.iso", "content");
        assertIso("udf.iso");
    }

    @Test
    void hybridIsoWithProtectiveMbr() throws Exception {
        run("xorriso", "-as", "mkisofs", "-quiet", "-o", "protective.iso", "--protective-msdos-label", "content");
        assertIso("protective.iso");
    }

    @Test
    void hybridIsoWithAppendedPartition() throws Exception {
        Files.write(DIRECTORY.resolve("efi.img"), new byte[64 * 1024]);
        run("xorriso", "-as", "mkisofs", "-quiet", "-o", "appended.iso", "-append_partition", "2", "0xef", "efi.img", "content");
        assertIso("appended.iso");
    }

    @Test
    void anIsoConvertedByQemuImgIsTheContainerFormat() throws Exception {
        Assumptions.assumeTrue(onPath("qemu-img"), "qemu-img is not on the PATH");
        run("genisoimage", "-quiet", "-o", "source.iso", "content");
        for (String format : List.of("qcow2", "vmdk", "vdi", "vpc", "vhdx")) {
            String name = "converted." + format;
            run("qemu-img", "convert", "-q", "-f", "raw", "-O", format, "source.iso", name);
            Inspection inspection = ImageFixtures.inspect(DIRECTORY.resolve(name), 65536);
            DiskFormat expected = format.equals("vpc") ? DiskFormat.VHD : DiskFormat.fromGlanceName(format).orElseThrow();
            assertEquals(expected, inspection.detected(), name);
            assertEquals(List.of(), inspection.safetyProblems(), name);
        }
    }

    @Test
    void isoWithAQcow2HeaderInItsSystemAreaIsRefused() throws Exception {
        run("genisoimage", "-quiet", "-o", "carrier.iso", "content");
        byte[] iso = Files.readAllBytes(DIRECTORY.resolve("carrier.iso"));
        System.arraycopy(ImageFixtures.qcow2(10L << 30), 0, iso, 0, 4096);
        Files.write(DIRECTORY.resolve("bad.iso"), iso);
        Inspection inspection = ImageFixtures.inspect(DIRECTORY.resolve("bad.iso"), 65536);
        assertEquals(List.of("Image content matches more than one disk format (iso, qcow2); such images are refused"),
                inspection.safetyProblems());
        for (String declared : List.of("iso", "qcow2", "raw")) {
            assertTrue(FormatPolicy.check(declared, inspection).orElseThrow().contains("more than one disk format"));
        }
    }
}
