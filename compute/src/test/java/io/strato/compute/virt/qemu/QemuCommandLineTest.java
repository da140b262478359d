package io.strato.compute.virt.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strato.compute.virt.Acceleration;
import io.strato.compute.virt.InstanceSpec;
import io.strato.compute.virt.NetworkInterface;
import io.strato.compute.virt.PowerState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class QemuCommandLineTest {
    private final QemuSettings settings = QemuSettings.defaults(Path.of("/var/lib/strato/instances"));
    private final InstanceFiles files = new InstanceFiles(Path.of("/var/lib/strato/instances/vm-1"));

    private static String after(List<String> command, String option, int occurrence) {
        int seen = 0;
        for (int i = 0; i < command.size() - 1; i++) {
            if (command.get(i).equals(option) && seen++ == occurrence) {
                return command.get(i + 1);
            }
        }
        return null;
    }

    @Test
    void aKernelBootGuestWithATapAndAnUnpluggedNic() {
        InstanceSpec spec = new InstanceSpec("vm-1", "web", 2, 512, 10, Path.of("/images/a"), "a", "qcow2",
                Path.of("/k/vmlinuz"), Path.of("/k/initrd"), "console=ttyS0 root=/dev/vda",
                List.of(new NetworkInterface("52:54:00:00:00:01", "tap1234", null),
                        new NetworkInterface("52:54:00:00:00:02", null, "e1000")),
                Path.of("/var/lib/strato/instances/vm-1/config.iso"));
        List<String> command = QemuCommandLine.build(settings, Acceleration.TCG, spec, files, null);
        assertEquals("pc,accel=tcg", after(command, "-machine", 0));
        assertFalse(command.contains("-cpu"), "TCG keeps QEMU's default CPU model");
        assertEquals("2", after(command, "-smp", 0));
        assertEquals("512", after(command, "-m", 0));
        assertEquals("/k/vmlinuz", after(command, "-kernel", 0));
        assertEquals("/k/initrd", after(command, "-initrd", 0));
        assertEquals("console=ttyS0 root=/dev/vda", after(command, "-append", 0));
        assertEquals("tap,id=net0,ifname=tap1234,script=no,downscript=no", after(command, "-netdev", 0));
        assertTrue(command.contains("virtio-net-pci,mac=52:54:00:00:00:01,id=nic0,netdev=net0"));
        assertTrue(command.contains("e1000,mac=52:54:00:00:00:02,id=nic1"));
        assertEquals(1, command.stream().filter("-netdev"::equals).count());
        assertTrue(after(command, "-drive", 0).startsWith("file=/var/lib/strato/instances/vm-1/disk.qcow2,format=qcow2,if=virtio"));
        assertTrue(after(command, "-drive", 1).contains("media=cdrom"));
        assertEquals("/var/lib/strato/instances/vm-1/qemu.pid", after(command, "-pidfile", 0));
        assertEquals("-daemonize", command.getLast());
        assertFalse(command.contains("-incoming"));
    }

    @Test
    void kvmUsesTheHostCpuAndResumeAddsTheIncomingState() {
        InstanceSpec spec = InstanceSpec.of("vm-1", 1, 64, 0, Path.of("/images/a"), "a", null);
        List<String> command = QemuCommandLine.build(settings, Acceleration.KVM, spec, files, "exec:cat 'state'");
        assertEquals("pc,accel=kvm", after(command, "-machine", 0));
        assertEquals("host", after(command, "-cpu", 0));
        assertEquals("exec:cat 'state'", after(command, "-incoming", 0));
        assertFalse(command.contains("-kernel"));
    }

    @Test
    void commasInPathsAreEscapedAndRunStatesMapToNovaPowerStates() {
        assertEquals("a,,b", QemuCommandLine.escape("a,b"));
        assertEquals(PowerState.RUNNING, QemuHypervisorDriver.powerStateOf("running"));
        assertEquals(PowerState.PAUSED, QemuHypervisorDriver.powerStateOf("paused"));
        assertEquals(PowerState.CRASHED, QemuHypervisorDriver.powerStateOf("guest-panicked"));
        assertEquals(PowerState.NOSTATE, QemuHypervisorDriver.powerStateOf("something-new"));
    }
}
