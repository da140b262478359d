package io.strato.image.format;

import java.util.Locale;
import java.util.Optional;

/**
 * What content sniffing can tell about an image. The names are Glance's {@code disk_format} values
 * (qemu calls VHD "vpc"). {@link #RAW} stands for "no recognised container": plain disk bytes,
 * possibly with an MBR or GPT partition table.
 */
public enum DiskFormat {
    RAW("raw"),
    QCOW2("qcow2"),
    VMDK("vmdk"),
    VDI("vdi"),
    VHD("vhd"),
    VHDX("vhdx"),
    ISO("iso"),
    /** QEMU Enhanced Disk: recognised so that it can be refused, as oslo.utils does. */
    QED("qed"),
    /** LUKS version 1 encrypted container. */
    LUKS("luks");

    private final String glanceName;

    DiskFormat(String glanceName) {
        this.glanceName = glanceName;
    }

    /** The {@code disk_format} value Glance uses for this format. */
    public String glanceName() {
        return glanceName;
    }

    /**
     * The format a Glance {@code disk_format} names, when content sniffing can recognise it; empty
     * for formats nothing can be told about from content, such as {@code ami}, {@code ari} and
     * {@code aki}.
     */
    public static Optional<DiskFormat> fromGlanceName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (DiskFormat format : values()) {
            if (format.glanceName.equals(wanted)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return glanceName;
    }
}
