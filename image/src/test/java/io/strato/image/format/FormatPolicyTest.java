package io.strato.image.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Glance's upload-time decision: declared disk_format against detected content and safety. */
class FormatPolicyTest {

    private static Inspection detected(DiskFormat format) {
        return new Inspection(format, 4096, 4096L, List.of());
    }

    @ParameterizedTest(name = "declared {0}, content {1}: accepted {2}")
    @CsvSource({
        "raw, RAW, true", "raw, ISO, true", "raw, QCOW2, false", "raw, VMDK, false", "raw, VDI, false",
        "raw, VHD, false", "raw, VHDX, false", "raw, LUKS, false",
        "qcow2, QCOW2, true", "qcow2, RAW, false", "qcow2, VMDK, false",
        "vmdk, VMDK, true", "vmdk, RAW, false", "vmdk, QCOW2, false",
        "vdi, VDI, true", "vdi, RAW, false",
        "vhd, VHD, true", "vhd, VHDX, false", "vhd, RAW, false",
        "vhdx, VHDX, true", "vhdx, VHD, false",
        "iso, ISO, true", "iso, RAW, false", "iso, QCOW2, false",
        "ami, RAW, true", "ami, QCOW2, false", "ami, ISO, false",
        "ari, RAW, true", "ari, VHD, false",
        "aki, RAW, true", "aki, VMDK, false",
        "QCOW2, QCOW2, true", "' raw ', QCOW2, false"
    })
    void declaredAgainstDetected(String declared, DiskFormat format, boolean accepted) {
        Optional<String> refusal = FormatPolicy.check(declared, detected(format));
        assertEquals(accepted, refusal.isEmpty(), () -> refusal.orElse("accepted"));
    }

    @Test
    void mismatchMessagesNameBothFormats() {
        assertEquals(Optional.of("Image content does not match the declared disk_format raw: it is qcow2"),
                FormatPolicy.check("raw", detected(DiskFormat.QCOW2)));
        assertEquals(Optional.of("Image content does not match the declared disk_format qcow2: it is raw"),
                FormatPolicy.check("qcow2", detected(DiskFormat.RAW)));
        assertEquals(Optional.of("Image content does not match the declared disk_format aki: it is vhd"),
                FormatPolicy.check("aki", detected(DiskFormat.VHD)));
    }

    @Test
    void safetyProblemsAreRefusedWhateverTheDeclaredFormat() {
        Inspection backed = new Inspection(DiskFormat.QCOW2, 4096, 4096L,
                List.of("qcow2 image has a backing file; images with backing files are refused"));
        for (String declared : List.of("qcow2", "raw", "ami", "vmdk")) {
            assertEquals(Optional.of("qcow2 image has a backing file; images with backing files are refused"),
                    FormatPolicy.check(declared, backed));
        }
        Inspection twice = new Inspection(DiskFormat.QCOW2, 4096, null, List.of("first problem", "second problem"));
        assertEquals(Optional.of("first problem; second problem"), FormatPolicy.check("qcow2", twice));
    }

    @Test
    void aMissingDiskFormatIsRefused() {
        assertTrue(FormatPolicy.check(null, detected(DiskFormat.RAW)).orElseThrow().contains("disk_format"));
        assertTrue(FormatPolicy.check(" ", detected(DiskFormat.RAW)).isPresent());
    }

    @Test
    void unsafeRawContentIsRefused() {
        Inspection mbr = new Inspection(DiskFormat.RAW, 4096, 4096L, List.of("MBR has no partitions defined"));
        assertEquals(Optional.of("MBR has no partitions defined"), FormatPolicy.check("raw", mbr));
    }

    @Test
    void diskFormatNames() {
        assertEquals(Optional.of(DiskFormat.VHD), DiskFormat.fromGlanceName("vhd"));
        assertEquals(Optional.of(DiskFormat.QCOW2), DiskFormat.fromGlanceName(" QCOW2 "));
        assertEquals(Optional.empty(), DiskFormat.fromGlanceName("ami"));
        assertEquals(Optional.empty(), DiskFormat.fromGlanceName(null));
        assertEquals("vhdx", DiskFormat.VHDX.glanceName());
    }
}
