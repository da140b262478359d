package io.strato.compute.virt;

/** How to reboot, as in Nova's {@code reboot} server action. */
public enum RebootType {
    /** Ask the guest to shut down cleanly (ACPI), then start it again; falls back to HARD on timeout. */
    SOFT,
    /** Stop the guest at once and start it again from its stored definition. */
    HARD
}
