package io.strato.compute.virt;

/** How guest code runs: hardware virtualisation or software emulation. */
public enum Acceleration {
    /** Linux KVM, hardware-assisted. */
    KVM,
    /** QEMU's Tiny Code Generator: software emulation, slower but works everywhere. */
    TCG,
    /** Nothing runs (a fake driver). */
    NONE
}
