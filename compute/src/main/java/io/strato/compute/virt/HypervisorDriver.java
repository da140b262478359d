package io.strato.compute.virt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Runs guests on one host: the bottom layer of compute (Nova's {@code nova.virt.driver.ComputeDriver}).
 * Every method is safe to call from several threads; operations on one instance are serialised.
 * The driver keeps no state that matters in memory: a new driver on the same host finds the
 * guests the old one started. Unknown instance ids throw {@link DriverException} with
 * {@link DriverException.Reason#INSTANCE_NOT_FOUND}. Implementations pass {@code HypervisorDriverContract}.
 */
public interface HypervisorDriver {
    /** What this driver can do beyond spawn, destroy, power off/on, hard reboot and state queries. */
    Set<DriverCapability> capabilities();

    /** The host's size and hypervisor. */
    HostResources host();

    /**
     * Creates the guest's disk (a copy-on-write overlay of the cached base image, grown to the
     * flavor's root disk) and starts it. Refuses an id that already exists.
     */
    void spawn(InstanceSpec spec);

    /** Stops the guest if it runs and removes everything that belongs to it. */
    void destroy(String instanceId);

    /**
     * Asks the guest to shut down (ACPI power button) and stops it hard once {@code grace} has
     * passed. Does nothing when the guest is already shut down.
     */
    void powerOff(String instanceId, Duration grace);

    /** Starts a shut-down guest with its stored definition. Does nothing when it is already running. */
    void powerOn(String instanceId);

    /**
     * Reboots a running guest. {@link RebootType#HARD} stops the process and starts a new one
     * (which also applies a resized flavor); {@link RebootType#SOFT} asks the guest to shut down,
     * starts it again once it has, and falls back to a hard reboot when it does not in time.
     * A shut-down guest is simply started.
     */
    void reboot(String instanceId, RebootType type);

    /** Stops the guest's CPUs, keeping it in memory. */
    void pause(String instanceId);

    void unpause(String instanceId);

    /** Saves the guest's memory and device state to disk and ends its process. */
    void suspend(String instanceId);

    /** Restores a suspended guest, which then runs on where it stopped. */
    void resume(String instanceId);

    PowerState powerState(String instanceId);

    /** Ids of all guests on this host, whatever their state. */
    List<String> instances();

    /** The last {@code maxLines} lines of the guest's serial console. */
    String consoleOutput(String instanceId, int maxLines);

    /** Writes a standalone qcow2 image of the guest's current root disk to {@code target}. */
    void snapshot(String instanceId, Path target);

    /**
     * Cold resize: the guest must be shut down. Grows the root disk to the new flavor (shrinking
     * is refused) and keeps the new vCPUs and memory for the next start.
     */
    void resize(String instanceId, InstanceSpec newSpec);
}
