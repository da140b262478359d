package io.strato.compute.virt;

/** Optional things a {@link HypervisorDriver} can do; operations outside its set throw {@link DriverException}. */
public enum DriverCapability {
    PAUSE,
    SUSPEND,
    SNAPSHOT,
    RESIZE,
    DIRECT_KERNEL_BOOT,
    CONSOLE_LOG,
    SOFT_REBOOT
}
