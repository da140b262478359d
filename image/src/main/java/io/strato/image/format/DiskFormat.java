package io.strato.image.format;

/** What content sniffing can tell about a disk image. */
public enum DiskFormat { RAW, QCOW2, VMDK, VDI, VHD, VHDX, ISO }
