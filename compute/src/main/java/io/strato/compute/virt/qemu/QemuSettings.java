package io.strato.compute.virt.qemu;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the QEMU driver runs.
 *
 * @param instancesDirectory one subdirectory per guest, plus {@code _base} for cached images
 * @param qemuBinary {@code qemu-system-x86_64}
 * @param qemuImageBinary {@code qemu-img}
 * @param accelerationMode KVM, TCG, or AUTO (probe once at start)
 * @param commandTimeout the limit for one QMP command, a {@code qemu-img} run or a QEMU start
 * @param softRebootTimeout how long a soft reboot waits for the guest to shut down before going hard
 * @param machineType QEMU's {@code -machine} type; {@code pc} (i440fx) gives an IDE CD-ROM config drive
 */
public record QemuSettings(Path instancesDirectory, Path qemuBinary, Path qemuImageBinary,
                           AccelerationMode accelerationMode, Duration commandTimeout, Duration softRebootTimeout,
                           String machineType) {
    /** Which accelerator to use. */
    public enum AccelerationMode {
        /** KVM when a probe guest really runs under it, else TCG. */
        AUTO,
        KVM,
        TCG
    }

    public QemuSettings {
        Objects.requireNonNull(instancesDirectory, "instancesDirectory");
        Objects.requireNonNull(qemuBinary, "qemuBinary");
        Objects.requireNonNull(qemuImageBinary, "qemuImageBinary");
        Objects.requireNonNull(accelerationMode, "accelerationMode");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(softRebootTimeout, "softRebootTimeout");
        Objects.requireNonNull(machineType, "machineType");
    }

    /** The binaries from PATH, automatic acceleration, 60 s command and soft-reboot timeouts. */
    public static QemuSettings defaults(Path instancesDirectory) {
        return new QemuSettings(instancesDirectory, Path.of("qemu-system-x86_64"), Path.of("qemu-img"),
                AccelerationMode.AUTO, Duration.ofSeconds(60), Duration.ofSeconds(60), "pc");
    }

    public QemuSettings withAccelerationMode(AccelerationMode mode) {
        return new QemuSettings(instancesDirectory, qemuBinary, qemuImageBinary, mode, commandTimeout,
                softRebootTimeout, machineType);
    }

    public QemuSettings withSoftRebootTimeout(Duration timeout) {
        return new QemuSettings(instancesDirectory, qemuBinary, qemuImageBinary, accelerationMode, commandTimeout,
                timeout, machineType);
    }
}
