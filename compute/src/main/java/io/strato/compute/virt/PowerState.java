package io.strato.compute.virt;

/** A guest's power state as Nova's virt drivers report it ({@code nova.compute.power_state}). */
public enum PowerState {
    /** The driver cannot tell (e.g. the hypervisor does not answer). */
    NOSTATE,
    RUNNING,
    /** Execution stopped in memory (QMP {@code stop}); resumes instantly. */
    PAUSED,
    /** No guest process: powered off by the guest or the host. */
    SHUTDOWN,
    /** The guest panicked or the hypervisor hit an internal error; the process is still there. */
    CRASHED,
    /** Memory and device state saved to disk, no process; {@code resume} restores it. */
    SUSPENDED
}
