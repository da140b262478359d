package io.strato.compute.virt.qemu;

import io.strato.compute.virt.Acceleration;
import io.strato.compute.virt.InstanceSpec;
import io.strato.compute.virt.NetworkInterface;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code qemu-system-x86_64} command line for a guest: daemonized with a pidfile, QMP on a
 * unix socket, serial console appended to a file, virtio disk and NICs, no display.
 */
final class QemuCommandLine {
    private QemuCommandLine() {
    }

    /**
     * @param incomingUri a migration source to restore the guest from (resume), or {@code null}
     */
    static List<String> build(QemuSettings settings, Acceleration acceleration, InstanceSpec spec,
                              InstanceFiles files, String incomingUri) {
        List<String> command = new ArrayList<>();
        command.add(settings.qemuBinary().toString());
        add(command, "-name", "guest=" + escape(spec.instanceId()) + ",debug-threads=on");
        add(command, "-machine", settings.machineType() + ",accel=" + (acceleration == Acceleration.KVM ? "kvm" : "tcg"));
        if (acceleration == Acceleration.KVM) {
            add(command, "-cpu", "host");
        }
        add(command, "-smp", Integer.toString(spec.vcpus()));
        add(command, "-m", Integer.toString(spec.memoryMib()));
        command.add("-nodefaults");
        command.add("-no-user-config");
        add(command, "-display", "none");
        add(command, "-chardev", "socket,id=qmp,path=" + escape(files.qmpSocket().toString()) + ",server=on,wait=off");
        add(command, "-mon", "chardev=qmp,mode=control");
        add(command, "-chardev", "file,id=console,path=" + escape(files.console().toString()) + ",append=on");
        add(command, "-serial", "chardev:console");
        add(command, "-device", "pvpanic");
        add(command, "-drive", "file=" + escape(files.disk().toString()) + ",format=qcow2,if=virtio,id=root,discard=unmap");
        if (spec.configDrive() != null) {
            add(command, "-drive", "file=" + escape(spec.configDrive().toString())
                    + ",format=raw,if=ide,media=cdrom,readonly=on,id=config");
        }
        if (spec.kernel() != null) {
            add(command, "-kernel", spec.kernel().toString());
            if (spec.ramdisk() != null) {
                add(command, "-initrd", spec.ramdisk().toString());
            }
            if (spec.kernelArguments() != null) {
                add(command, "-append", spec.kernelArguments());
            }
        }
        List<NetworkInterface> interfaces = spec.interfaces();
        for (int i = 0; i < interfaces.size(); i++) {
            NetworkInterface nic = interfaces.get(i);
            String device = deviceModel(nic.model()) + ",mac=" + nic.mac() + ",id=nic" + i;
            if (nic.tapDevice() != null) {
                add(command, "-netdev", "tap,id=net" + i + ",ifname=" + nic.tapDevice() + ",script=no,downscript=no");
                device += ",netdev=net" + i;
            }
            add(command, "-device", device);
        }
        if (incomingUri != null) {
            add(command, "-incoming", incomingUri);
        }
        add(command, "-pidfile", files.pidFile().toString());
        command.add("-daemonize");
        return command;
    }

    /** Nova's {@code hw_vif_model} names to QEMU device names. */
    static String deviceModel(String model) {
        return switch (model) {
            case "virtio" -> "virtio-net-pci";
            case "e1000" -> "e1000";
            case "e1000e" -> "e1000e";
            case "rtl8139" -> "rtl8139";
            case "ne2k_pci" -> "ne2k_pci";
            default -> throw new IllegalArgumentException("unknown NIC model " + model
                    + " (known: virtio, e1000, e1000e, rtl8139, ne2k_pci)");
        };
    }

    /** QEMU option values double a comma to mean a literal one. */
    static String escape(String value) {
        return value.replace(",", ",,");
    }

    private static void add(List<String> command, String option, String value) {
        command.add(option);
        command.add(value);
    }
}
