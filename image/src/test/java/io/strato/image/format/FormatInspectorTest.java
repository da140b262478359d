package io.strato.image.format;

import static io.strato.image.format.ImageFixtures.MEBIBYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Detection, virtual size and safety problems for hand-written images of every format, each written
 * under target/format-fixtures and streamed through the inspector in chunks of many sizes (so that
 * every header straddles chunk boundaries somewhere).
 */
class FormatInspectorTest {
    private static final int[] CHUNK_SIZES = {1, 7, 511, 4093, 65536, 1048577, Integer.MAX_VALUE};

    /** Inspects the image from its file and in memory at every chunk size; all must agree. */
    static Inspection inspect(String name, byte[] image) {
        Path file = ImageFixtures.write(name, image);
        Inspection fromFile = ImageFixtures.inspect(file, 65536);
        for (int chunkSize : CHUNK_SIZES) {
            if (chunkSize == 1 && image.length > 4 * MEBIBYTE) {
                continue;
            }
            assertEquals(fromFile, ImageFixtures.inspect(image, chunkSize), name + " in chunks of " + chunkSize);
        }
        return fromFile;
    }

    static void assertClean(Inspection inspection, DiskFormat format, Long virtualSize) {
        assertEquals(format, inspection.detected(), "detected format");
        assertEquals(virtualSize, inspection.virtualSize(), "virtual size");
        assertEquals(List.of(), inspection.safetyProblems(), "safety problems");
    }

    static void assertProblem(Inspection inspection, DiskFormat format, String fragment) {
        assertEquals(format, inspection.detected(), "detected format");
        assertTrue(inspection.safetyProblems().stream().anyMatch(problem -> problem.contains(fragment)),
                () -> "expected a problem containing '" + fragment + "' in " + inspection.safetyProblems());
    }

    // raw ------------------------------------------------------------------------------------------

    @Test
    void anEmptyStreamIsRaw() {
        Inspection inspection = inspect("empty.raw", new byte[0]);
        assertClean(inspection, DiskFormat.RAW, 0L);
        assertEquals(0, inspection.size());
    }

    @Test
    void textIsRaw() {
        byte[] text = "Just some notes\nthat someone uploaded as a disk image.\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
        Inspection inspection = inspect("notes.txt", text);
        assertClean(inspection, DiskFormat.RAW, (long) text.length);
    }

    @Test
    void randomBytesAreRaw() {
        byte[] noise = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(noise);
        noise[510] = 0;
        Inspection inspection = inspect("noise.raw", noise);
        assertClean(inspection, DiskFormat.RAW, (long) noise.length);
        assertEquals(noise.length, inspection.size());
    }

    @Test
    void anMbrDiskIsRaw() {
        assertClean(inspect("mbr.raw", ImageFixtures.mbrDisk(1024 * 1024)), DiskFormat.RAW, MEBIBYTE);
    }

    @Test
    void aGptDiskIsRaw() {
        assertClean(inspect("gpt.raw", ImageFixtures.gptDisk(1024 * 1024)), DiskFormat.RAW, MEBIBYTE);
    }

    @Test
    void aFatVolumeIsRawWithoutPartitionChecks() {
        byte[] volume = new byte[64 * 1024];
        volume[0x10] = 2;
        volume[0x15] = (byte) 0xf8;
        volume[510] = 0x55;
        volume[511] = (byte) 0xaa;
        volume[446] = (byte) 0xe9;
        assertClean(inspect("fat.raw", volume), DiskFormat.RAW, 64 * 1024L);
    }

    @Test
    void mbrProblemsAreReportedAsOsloDoes() {
        byte[] empty = new byte[4096];
        empty[510] = 0x55;
        empty[511] = (byte) 0xaa;
        assertProblem(inspect("mbr-empty.raw", empty), DiskFormat.RAW, "no partitions defined");

        byte[] badBoot = ImageFixtures.mbrDisk(4096);
        badBoot[446] = 0x0a;
        assertProblem(inspect("mbr-bad-boot.raw", badBoot), DiskFormat.RAW, "invalid boot flag");

        byte[] extra = ImageFixtures.gptDisk(4096);
        ImageFixtures.partition(extra, 1, 0, 0x83, 0, 2, 2048, 100);
        assertProblem(inspect("gpt-extra.raw", extra), DiskFormat.RAW, "invalid extra partitions");

        byte[] badChs = ImageFixtures.gptDisk(4096);
        ImageFixtures.partition(badChs, 0, 0, 0xee, 1, 2, 1, 7);
        assertProblem(inspect("gpt-bad-chs.raw", badChs), DiskFormat.RAW, "invalid start CHS");

        byte[] badLba = ImageFixtures.gptDisk(4096);
        ImageFixtures.partition(badLba, 0, 0, 0xee, 0, 2, 2, 7);
        assertProblem(inspect("gpt-bad-lba.raw", badLba), DiskFormat.RAW, "invalid start LBA");

        byte[] otherType = ImageFixtures.mbrDisk(4096);
        ImageFixtures.partition(otherType, 0, 0, 0x8e, 1, 2, 2, 7);
        assertClean(inspect("mbr-lvm.raw", otherType), DiskFormat.RAW, 4096L);
    }

    // qcow2 ----------------------------------------------------------------------------------------

    @Test
    void qcow2VersionThree() {
        assertClean(inspect("v3.qcow2", ImageFixtures.qcow2(10 * MEBIBYTE)), DiskFormat.QCOW2, 10 * MEBIBYTE);
    }

    @Test
    void qcow2VersionTwoHasNoFeatureBits() {
        byte[] image = ImageFixtures.qcow2(2, 0, 16, 5 * MEBIBYTE, 0);
        Arrays.fill(image, 72, 80, (byte) 0xff);
        assertClean(inspect("v2.qcow2", image), DiskFormat.QCOW2, 5 * MEBIBYTE);
    }

    @Test
    void qcow2WithBackingFileIsRefused() {
        Inspection inspection = inspect("backed.qcow2", ImageFixtures.qcow2(3, 512, 16, MEBIBYTE, 0));
        assertProblem(inspection, DiskFormat.QCOW2, "qcow2 image has a backing file; images with backing files are refused");
        assertEquals(MEBIBYTE, inspection.virtualSize());
    }

    @Test
    void qcow2WithExternalDataFileIsRefused() {
        assertProblem(inspect("data-file.qcow2", ImageFixtures.qcow2(3, 0, 16, MEBIBYTE, 1L << 2)),
                DiskFormat.QCOW2, "external data file");
    }

    @Test
    void qcow2KnownFeatureBitsAreAccepted() {
        for (long bits : new long[] {1, 2, 8, 0xb}) {
            assertClean(inspect("features-" + bits + ".qcow2", ImageFixtures.qcow2(3, 0, 16, MEBIBYTE, bits)),
                    DiskFormat.QCOW2, MEBIBYTE);
        }
    }

    @Test
    void qcow2UnknownFeatureBitsAreRefused() {
        for (long bits : new long[] {1L << 4, 1L << 7, 1L << 8, 1L << 63}) {
            assertProblem(inspect("unknown-" + Long.toHexString(bits) + ".qcow2", ImageFixtures.qcow2(3, 0, 16, MEBIBYTE, bits)),
                    DiskFormat.QCOW2, "unknown incompatible feature bits");
        }
    }

    @Test
    void qcow2VersionsOtherThanTwoAndThreeAreRefused() {
        assertProblem(inspect("v1.qcow", ImageFixtures.qcow2(1, 0, 0, MEBIBYTE, 0)), DiskFormat.QCOW2, "qcow2 version 1");
        assertProblem(inspect("v4.qcow2", ImageFixtures.qcow2(4, 0, 16, MEBIBYTE, 0)), DiskFormat.QCOW2, "qcow2 version 4");
    }

    @Test
    void qcow2InvalidClusterBitsAreRefused() {
        assertProblem(inspect("cluster-8.qcow2", ImageFixtures.qcow2(3, 0, 8, MEBIBYTE, 0)), DiskFormat.QCOW2, "cluster_bits 8");
        assertProblem(inspect("cluster-22.qcow2", ImageFixtures.qcow2(3, 0, 22, MEBIBYTE, 0)), DiskFormat.QCOW2, "cluster_bits 22");
    }

    @Test
    void truncatedQcow2IsRefused() {
        Inspection inspection = inspect("truncated.qcow2", Arrays.copyOf(ImageFixtures.qcow2(MEBIBYTE), 90));
        assertProblem(inspection, DiskFormat.QCOW2, "truncated");
        assertNull(inspection.virtualSize());
    }

    // VMDK -----------------------------------------------------------------------------------------

    @Test
    void vmdkMonolithicSparse() {
        assertClean(inspect("sparse.vmdk", ImageFixtures.vmdkMonolithicSparse(204800)), DiskFormat.VMDK, 204800 * 512L);
    }

    @Test
    void vmdkStreamOptimizedWithFooter() {
        assertClean(inspect("footer.vmdk", ImageFixtures.vmdkStreamOptimizedWithFooter(2048, true)), DiskFormat.VMDK, 2048 * 512L);
        assertProblem(inspect("footer-again.vmdk", ImageFixtures.vmdkStreamOptimizedWithFooter(2048, false)),
                DiskFormat.VMDK, "another footer");
        byte[] badMarker = ImageFixtures.vmdkStreamOptimizedWithFooter(2048, true);
        badMarker[badMarker.length - 512 + 12] = 7;
        assertProblem(inspect("footer-marker.vmdk", badMarker), DiskFormat.VMDK, "markers are invalid");
        byte[] otherDescriptor = ImageFixtures.vmdkStreamOptimizedWithFooter(2048, true);
        otherDescriptor[otherDescriptor.length - 1024 + 28] = 2;
        assertProblem(inspect("footer-descriptor.vmdk", otherDescriptor), DiskFormat.VMDK, "does not match its header");
        byte[] noFooter = ImageFixtures.vmdkSparse(2048, 1, -1, ImageFixtures.descriptor("streamOptimized", "RW 2048 SPARSE \"a.vmdk\""));
        assertProblem(inspect("footer-zeros.vmdk", noFooter), DiskFormat.VMDK, "vmdk footer");
    }

    @Test
    void vmdkUnsafeCreateTypesAreRefused() {
        for (String type : List.of("monolithicFlat", "twoGbMaxExtentSparse", "vmfs", "custom")) {
            byte[] image = ImageFixtures.vmdkSparse(2048, 1, 40, ImageFixtures.descriptor(type, "RW 2048 SPARSE \"a.vmdk\""));
            assertProblem(inspect(type + ".vmdk", image), DiskFormat.VMDK, "createType " + type.toLowerCase());
        }
        byte[] missing = ImageFixtures.vmdkSparse(2048, 1, 40, "version=1\nRW 2048 SPARSE \"a.vmdk\"\n");
        assertProblem(inspect("no-type.vmdk", missing), DiskFormat.VMDK, "no createType");
    }

    @Test
    void vmdkExtentsNamingOtherFilesAreRefused() {
        byte[] path = ImageFixtures.vmdkSparse(2048, 1, 40, ImageFixtures.descriptor("monolithicSparse", "RW 2048 SPARSE \"/etc/shadow\""));
        assertProblem(inspect("extent-path.vmdk", path), DiskFormat.VMDK, "file path");
        byte[] flat = ImageFixtures.vmdkSparse(2048, 1, 40, ImageFixtures.descriptor("monolithicSparse", "RW 2048 FLAT \"other.raw\" 0"));
        assertProblem(inspect("extent-flat.vmdk", flat), DiskFormat.VMDK, "not a sparse extent");
        byte[] two = ImageFixtures.vmdkSparse(2048, 1, 40,
                ImageFixtures.descriptor("monolithicSparse", "RW 2048 SPARSE \"a.vmdk\"", "RDONLY 2048 SPARSE \"b.vmdk\""));
        assertProblem(inspect("extent-two.vmdk", two), DiskFormat.VMDK, "more than one extent");
        byte[] none = ImageFixtures.vmdkSparse(2048, 1, 40, ImageFixtures.descriptor("monolithicSparse"));
        assertProblem(inspect("extent-none.vmdk", none), DiskFormat.VMDK, "no extents");
        byte[] odd = ImageFixtures.vmdkSparse(2048, 1, 40, ImageFixtures.descriptor("monolithicSparse", "WRONLY 2048 SPARSE \"a.vmdk\""));
        assertProblem(inspect("extent-odd.vmdk", odd), DiskFormat.VMDK, "not understood");
    }

    @Test
    void vmdkStructuralProblemsAreRefused() {
        byte[] moved = ImageFixtures.vmdkSparse(2048, 2, 40, ImageFixtures.descriptor("monolithicSparse", "RW 2048 SPARSE \"a.vmdk\""));
        assertProblem(inspect("moved.vmdk", moved), DiskFormat.VMDK, "not at the expected location");
        byte[] wrapped = ImageFixtures.vmdkSparse(2048, 1L + (1L << 55), 40, ImageFixtures.descriptor("monolithicSparse", "RW 2048 SPARSE \"a.vmdk\""));
        assertProblem(inspect("wrapped.vmdk", wrapped), DiskFormat.VMDK, "not at the expected location");
        byte[] empty = ImageFixtures.vmdkSparse(0, 1, 40, ImageFixtures.descriptor("monolithicSparse", "RW 0 SPARSE \"a.vmdk\""));
        assertProblem(inspect("zero.vmdk", empty), DiskFormat.VMDK, "zero capacity");
        byte[] version = ImageFixtures.vmdkMonolithicSparse(2048);
        version[4] = 9;
        assertProblem(inspect("version.vmdk", version), DiskFormat.VMDK, "vmdk version 9");
        byte[] blank = ImageFixtures.vmdkSparse(2048, 1, 40, "");
        assertProblem(inspect("blank.vmdk", blank), DiskFormat.VMDK, "no descriptor");
        byte[] cowd = new byte[2048];
        System.arraycopy(ImageFixtures.ascii("COWD"), 0, cowd, 0, 4);
        assertProblem(inspect("cowd.vmdk", cowd), DiskFormat.VMDK, "COWD");
        assertProblem(inspect("short.vmdk", ImageFixtures.ascii("KDMV\1\0\0\0")), DiskFormat.VMDK, "truncated");
    }

    @Test
    void vmdkDescriptorFilesAreRefused() {
        byte[] flat = ImageFixtures.ascii(ImageFixtures.descriptor("monolithicFlat", "RW 20480 FLAT \"disk-flat.vmdk\" 0"));
        Inspection inspection = inspect("descriptor.vmdk", flat);
        assertProblem(inspection, DiskFormat.VMDK, "separate extent files");
        assertProblem(inspection, DiskFormat.VMDK, "createType monolithicflat");
        assertNull(inspection.virtualSize());
        byte[] sparse = ImageFixtures.ascii(ImageFixtures.descriptor("monolithicSparse", "RW 20480 SPARSE \"disk.vmdk\""));
        assertProblem(inspect("descriptor-sparse.vmdk", sparse), DiskFormat.VMDK, "separate extent files");
    }

    @Test
    void anOversizedVmdkDescriptorKeepsMemoryBounded() {
        byte[] image = Arrays.copyOf(ImageFixtures.vmdkMonolithicSparse(4096), 3 * 1024 * 1024);
        ImageFixtures.little(image).putLong(36, (2L << 20) / 512);
        FormatInspector inspector = new FormatInspector();
        inspector.update(image, 0, image.length);
        assertClean(inspector.finish(), DiskFormat.VMDK, 4096 * 512L);
        assertTrue(inspector.retainedHeadBytes() <= HeadBuffer.LIMIT);
    }

    // VDI ------------------------------------------------------------------------------------------

    @Test
    void vdi() {
        assertClean(inspect("dynamic.vdi", ImageFixtures.vdi(1, 100 * MEBIBYTE)), DiskFormat.VDI, 100 * MEBIBYTE);
        assertClean(inspect("static.vdi", ImageFixtures.vdi(2, 7 * MEBIBYTE)), DiskFormat.VDI, 7 * MEBIBYTE);
        assertProblem(inspect("differencing.vdi", ImageFixtures.vdi(4, MEBIBYTE)), DiskFormat.VDI, "vdi image type 4");
        assertProblem(inspect("truncated.vdi", Arrays.copyOf(ImageFixtures.vdi(1, MEBIBYTE), 0x100)), DiskFormat.VDI, "truncated");
    }

    // VHD ------------------------------------------------------------------------------------------

    @Test
    void dynamicVhdSizedByGeometryAsQemuDoes() {
        byte[] footer = ImageFixtures.vhdFooter(3, "vpc ", 100 * MEBIBYTE, 203, 16, 63);
        assertClean(inspect("geometry.vhd", ImageFixtures.vhdDynamic(footer)), DiskFormat.VHD, 203L * 16 * 63 * 512);
    }

    @Test
    void dynamicVhdSizedByCurrentSizeForHyperV() {
        byte[] footer = ImageFixtures.vhdFooter(3, "win ", 100 * MEBIBYTE, 203, 16, 63);
        assertClean(inspect("hyperv.vhd", ImageFixtures.vhdDynamic(footer)), DiskFormat.VHD, 100 * MEBIBYTE);
        byte[] maximum = ImageFixtures.vhdFooter(3, "vpc ", 200L * 1024 * MEBIBYTE, 65535, 16, 255);
        assertClean(inspect("maximum.vhd", ImageFixtures.vhdDynamic(maximum)), DiskFormat.VHD, 200L * 1024 * MEBIBYTE);
    }

    @Test
    void fixedVhdIsFoundByItsFooter() {
        byte[] footer = ImageFixtures.vhdFooter(2, "qem2", 64 * 1024, 2, 4, 17);
        assertClean(inspect("fixed.vhd", ImageFixtures.vhdFixed(64 * 1024, footer)), DiskFormat.VHD, 64 * 1024L);
        footer[100] ^= 1;
        byte[] corrupt = ImageFixtures.vhdFixed(64 * 1024, footer);
        assertClean(inspect("fixed-bad-checksum.vhd", corrupt), DiskFormat.RAW, (long) corrupt.length);
    }

    @Test
    void fixedVhdOfAPartitionedDiskIsAVhd() {
        byte[] footer = ImageFixtures.vhdFooter(2, "qem2", 1024 * 1024, 2, 4, 17);
        byte[] image = ImageFixtures.concatenate(ImageFixtures.gptDisk(1024 * 1024), footer);
        assertClean(inspect("fixed-gpt.vhd", image), DiskFormat.VHD, MEBIBYTE);
        byte[] iso = ImageFixtures.concatenate(ImageFixtures.iso(64), ImageFixtures.vhdFooter(2, "qem2", 64 * 2048, 2, 4, 17));
        assertProblem(inspect("fixed-iso.vhd", iso), DiskFormat.VHD, "(iso, vhd)");
    }

    @Test
    void differencingVhdIsRefused() {
        byte[] footer = ImageFixtures.vhdFooter(4, "win ", MEBIBYTE, 20, 4, 17);
        assertProblem(inspect("differencing.vhd", ImageFixtures.vhdDynamic(footer)), DiskFormat.VHD, "differencing");
    }

    // VHDX -----------------------------------------------------------------------------------------

    @Test
    void vhdxWithMetadataBeyondTheHeadBuffer() {
        Inspection inspection = inspect("far.vhdx", ImageFixtures.vhdx(100 * MEBIBYTE, 3 * 1024 * 1024));
        assertClean(inspection, DiskFormat.VHDX, 100 * MEBIBYTE);
    }

    @Test
    void vhdxWithMetadataInsideTheHeadBuffer() {
        assertClean(inspect("near.vhdx", ImageFixtures.vhdx(7 * MEBIBYTE, 512 * 1024)), DiskFormat.VHDX, 7 * MEBIBYTE);
    }

    @Test
    void vhdxWithMetadataStraddlingTheHeadBuffer() {
        assertClean(inspect("straddle.vhdx", ImageFixtures.vhdx(9 * MEBIBYTE, 1024 * 1024 - 4096)), DiskFormat.VHDX, 9 * MEBIBYTE);
    }

    @Test
    void vhdxProblems() {
        byte[] noRegions = ImageFixtures.vhdx(MEBIBYTE, 1024 * 1024);
        noRegions[192 * 1024] = 'x';
        assertProblem(inspect("no-regions.vhdx", noRegions), DiskFormat.VHDX, "region table");
        byte[] noMetadata = ImageFixtures.vhdx(MEBIBYTE, 1024 * 1024);
        noMetadata[1024 * 1024] = 'x';
        assertProblem(inspect("no-metadata.vhdx", noMetadata), DiskFormat.VHDX, "metadata table");
        Inspection truncated = inspect("truncated.vhdx", Arrays.copyOf(ImageFixtures.vhdx(MEBIBYTE, 1024 * 1024), 4096));
        assertClean(truncated, DiskFormat.VHDX, null);
        Inspection cut = inspect("cut.vhdx", Arrays.copyOf(ImageFixtures.vhdx(MEBIBYTE, 2 * 1024 * 1024), 2 * 1024 * 1024 + 100));
        assertClean(cut, DiskFormat.VHDX, null);
    }

    // ISO ------------------------------------------------------------------------------------------

    @Test
    void iso9660AndUdf() {
        assertClean(inspect("plain.iso", ImageFixtures.iso(64)), DiskFormat.ISO, 64 * 2048L);
        assertClean(inspect("udf.iso", ImageFixtures.udf(64)), DiskFormat.ISO, 64 * 2048L);
        byte[] late = new byte[40 * 2048];
        ImageFixtures.primaryVolumeDescriptor(late, 0x9000, "CD001", 40);
        assertClean(inspect("late.iso", late), DiskFormat.ISO, 40 * 2048L);
    }

    @Test
    void hybridIsoWithPartitionTableIsAnIso() {
        byte[] image = ImageFixtures.iso(64);
        ImageFixtures.partition(image, 0, 0x80, 0x17, 0, 1, 0, 64 * 4);
        assertClean(inspect("hybrid.iso", image), DiskFormat.ISO, 64 * 2048L);
        byte[] gpt = ImageFixtures.iso(64);
        ImageFixtures.partition(gpt, 0, 0, 0xee, 0, 2, 1, 64 * 4 - 1);
        assertClean(inspect("hybrid-gpt.iso", gpt), DiskFormat.ISO, 64 * 2048L);
    }

    @Test
    void contentMatchingSeveralFormatsIsRefused() {
        byte[] isoWithQcow2 = ImageFixtures.iso(64);
        System.arraycopy(ImageFixtures.qcow2(MEBIBYTE), 0, isoWithQcow2, 0, 512);
        Inspection inspection = inspect("iso-qcow2.iso", isoWithQcow2);
        assertEquals(List.of("Image content matches more than one disk format (iso, qcow2); such images are refused"),
                inspection.safetyProblems());
        assertNull(inspection.virtualSize());

        byte[] diskWithQcow2 = ImageFixtures.mbrDisk(64 * 1024);
        System.arraycopy(ImageFixtures.qcow2(MEBIBYTE), 0, diskWithQcow2, 0, 256);
        assertProblem(inspect("mbr-qcow2.raw", diskWithQcow2), DiskFormat.QCOW2, "(mbr, qcow2)");

        byte[] qcow2WithVhdFooter = ImageFixtures.concatenate(ImageFixtures.qcow2(MEBIBYTE),
                ImageFixtures.vhdFooter(2, "qem2", 4096, 1, 1, 8));
        assertProblem(inspect("qcow2-vhd.qcow2", qcow2WithVhdFooter), DiskFormat.QCOW2, "(qcow2, vhd)");

        byte[] gptWithVhdx = ImageFixtures.gptDisk(64 * 1024);
        System.arraycopy(ImageFixtures.ascii("vhdxfile"), 0, gptWithVhdx, 0, 8);
        assertProblem(inspect("gpt-vhdx.raw", gptWithVhdx), DiskFormat.VHDX, "(gpt, vhdx)");

        byte[] isoWithVmdk = ImageFixtures.iso(64);
        System.arraycopy(ImageFixtures.vmdkMonolithicSparse(64), 0, isoWithVmdk, 0, 4096);
        assertProblem(inspect("iso-vmdk.iso", isoWithVmdk), DiskFormat.VMDK, "(iso, vmdk)");
    }

    // QED, LUKS ------------------------------------------------------------------------------------

    @Test
    void qedIsAlwaysRefused() {
        Inspection inspection = inspect("image.qed", ImageFixtures.qed(100 * MEBIBYTE));
        assertProblem(inspection, DiskFormat.QED, "qed images are not allowed");
        assertEquals(100 * MEBIBYTE, inspection.virtualSize());
    }

    @Test
    void luks() {
        assertClean(inspect("v1.luks", ImageFixtures.luks(1, 4096, 4 * 1024 * 1024)), DiskFormat.LUKS, 2L * 1024 * 1024);
        assertProblem(inspect("v2.luks", ImageFixtures.luks(2, 4096, 64 * 1024)), DiskFormat.LUKS, "LUKS version 2");
    }

    // API ------------------------------------------------------------------------------------------

    @Test
    void finishIsFinal() {
        FormatInspector inspector = new FormatInspector();
        byte[] image = ImageFixtures.qcow2(MEBIBYTE);
        inspector.update(image, 0, image.length);
        Inspection first = inspector.finish();
        assertSame(first, inspector.finish());
        assertThrows(IllegalStateException.class, () -> inspector.update(image, 0, 1));
    }

    @Test
    void updateChecksItsArguments() {
        FormatInspector inspector = new FormatInspector();
        assertThrows(IndexOutOfBoundsException.class, () -> inspector.update(new byte[4], 2, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> inspector.update(new byte[4], -1, 1));
        assertThrows(NullPointerException.class, () -> inspector.update(null, 0, 0));
    }

    @Test
    void updateHonoursOffsetAndLength() {
        byte[] image = ImageFixtures.qcow2(MEBIBYTE);
        byte[] padded = ImageFixtures.concatenate(new byte[13], ImageFixtures.concatenate(image, new byte[7]));
        FormatInspector inspector = new FormatInspector();
        inspector.update(padded, 13, image.length);
        assertClean(inspector.finish(), DiskFormat.QCOW2, MEBIBYTE);
    }

    @Test
    void inspectsAnInputStream() throws IOException {
        byte[] image = ImageFixtures.vdi(1, 3 * MEBIBYTE);
        Inspection inspection = FormatInspector.inspect(new ByteArrayInputStream(image));
        assertClean(inspection, DiskFormat.VDI, 3 * MEBIBYTE);
        assertEquals(image.length, inspection.size());
    }

    @Test
    void inspectionCopiesItsProblems() {
        List<String> problems = new ArrayList<>(List.of("a"));
        Inspection inspection = new Inspection(DiskFormat.RAW, 1, 1L, problems);
        problems.add("b");
        assertEquals(List.of("a"), inspection.safetyProblems());
        assertThrows(UnsupportedOperationException.class, () -> inspection.safetyProblems().add("c"));
    }
}
