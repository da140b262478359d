package io.strato.image.format;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Glance's upload-time rule ({@code [image_format] require_image_format_match}, on by default):
 * content must be what its {@code disk_format} says, and must pass the format's safety checks.
 */
public final class FormatPolicy {

    private FormatPolicy() {
    }

    /**
     * Checks content against the declared Glance disk_format (raw, qcow2, vmdk, vdi, vhd, vhdx, iso,
     * ami, ari, aki). Returns empty when acceptable, else a clear user-facing message.
     *
     * <p>Any safety problem refuses the content. Otherwise {@code raw} accepts raw content and ISO
     * content (an ISO is raw to qemu) but refuses every other detected format; qcow2, vmdk, vdi, vhd,
     * vhdx and iso (and qed or luks, if declared) require that exact format; ami, ari, aki and any
     * other format content cannot reveal accept only raw content.
     */
    public static Optional<String> check(String declaredDiskFormat, Inspection inspection) {
        Objects.requireNonNull(inspection, "inspection");
        if (!inspection.safetyProblems().isEmpty()) {
            return Optional.of(String.join("; ", inspection.safetyProblems()));
        }
        if (declaredDiskFormat == null || declaredDiskFormat.isBlank()) {
            return Optional.of("The image has no disk_format; set disk_format before uploading image data");
        }
        String declared = declaredDiskFormat.trim().toLowerCase(Locale.ROOT);
        DiskFormat detected = inspection.detected();
        Optional<DiskFormat> expected = DiskFormat.fromGlanceName(declared);
        boolean acceptable = expected.isEmpty()
                ? detected == DiskFormat.RAW
                : detected == expected.get() || (expected.get() == DiskFormat.RAW && detected == DiskFormat.ISO);
        if (acceptable) {
            return Optional.empty();
        }
        return Optional.of("Image content does not match the declared disk_format " + declared + ": it is " + detected.glanceName());
    }
}
