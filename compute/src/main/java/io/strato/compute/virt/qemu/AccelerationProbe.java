package io.strato.compute.virt.qemu;

import io.strato.compute.virt.Acceleration;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds out whether KVM really works, by trying it. {@code /dev/kvm} existing is not enough: in
 * nested or paravirtualised setups it opens and creates VMs but guests crawl or die. The probe
 * boots a 512-byte boot sector that writes a marker to the serial port, first under TCG (the
 * baseline) and then under KVM, and takes KVM only when its guest printed the marker and was no
 * slower than the software-emulated one (real KVM is several times faster).
 */
public final class AccelerationProbe {
    private static final String MARKER = "STRATO-KVM-PROBE-OK";
    private static final Duration KVM_DEADLINE = Duration.ofSeconds(5);
    private static final Duration TCG_DEADLINE = Duration.ofSeconds(20);

    /** The verdict and why, for the log. */
    public record Result(Acceleration acceleration, String reason) {
    }

    private final Path qemuBinary;
    private final Path kvmDevice;

    public AccelerationProbe(Path qemuBinary, Path kvmDevice) {
        this.qemuBinary = qemuBinary;
        this.kvmDevice = kvmDevice;
    }

    public Result probe() {
        if (!Files.exists(kvmDevice)) {
            return new Result(Acceleration.TCG, kvmDevice + " does not exist");
        }
        try (RandomAccessFile device = new RandomAccessFile(kvmDevice.toFile(), "rw")) {
            device.getFD();
        } catch (IOException e) {
            return new Result(Acceleration.TCG, "cannot open " + kvmDevice + " for reading and writing: " + e.getMessage());
        }
        Path directory = null;
        try {
            directory = Files.createTempDirectory("strato-kvm-probe");
            Path bootSector = directory.resolve("probe.img");
            Files.write(bootSector, bootSector());
            long tcg = bootTime("tcg", bootSector, directory, TCG_DEADLINE);
            if (tcg < 0) {
                return new Result(Acceleration.TCG, "the probe guest did not boot even under TCG; not trying KVM");
            }
            long kvm = bootTime("kvm", bootSector, directory, KVM_DEADLINE);
            if (kvm < 0) {
                return new Result(Acceleration.TCG, kvmDevice + " is present but a probe guest did not boot under KVM within "
                        + KVM_DEADLINE.toSeconds() + " s (TCG: " + tcg + " ms)");
            }
            if (kvm > tcg) {
                return new Result(Acceleration.TCG, kvmDevice + " is present but a probe guest took " + kvm
                        + " ms under KVM against " + tcg + " ms under TCG: KVM is emulated or broken here");
            }
            return new Result(Acceleration.KVM, "a probe guest booted in " + kvm + " ms under KVM (TCG: " + tcg + " ms)");
        } catch (IOException e) {
            return new Result(Acceleration.TCG, "the KVM probe failed: " + e.getMessage());
        } finally {
            deleteTree(directory);
        }
    }

    /** Milliseconds until the marker showed on the serial port, or -1 when it did not within the deadline. */
    private long bootTime(String accelerator, Path bootSector, Path directory, Duration deadline) throws IOException {
        Path serial = directory.resolve("serial-" + accelerator + ".log");
        Path log = directory.resolve("qemu-" + accelerator + ".log");
        List<String> command = List.of(qemuBinary.toString(), "-machine", "pc,accel=" + accelerator,
                "-nodefaults", "-no-user-config", "-display", "none", "-m", "16", "-no-reboot",
                "-drive", "file=" + bootSector + ",format=raw,if=ide",
                "-serial", "file:" + serial);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long end = start + deadline.toNanos();
            while (System.nanoTime() < end) {
                if (Files.exists(serial) && Files.readString(serial, StandardCharsets.ISO_8859_1).contains(MARKER)) {
                    return Duration.ofNanos(System.nanoTime() - start).toMillis();
                }
                if (!process.isAlive()) {
                    return -1;
                }
                Thread.sleep(20);
            }
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Real-mode code: write the marker to COM1 (port 0x3f8), then halt forever. */
    static byte[] bootSector() {
        byte[] sector = new byte[512];
        int at = 0;
        sector[at++] = (byte) 0xBA; // mov dx, 0x3f8
        sector[at++] = (byte) 0xF8;
        sector[at++] = (byte) 0x03;
        for (byte character : (MARKER + "\n").getBytes(StandardCharsets.US_ASCII)) {
            sector[at++] = (byte) 0xB0; // mov al, character
            sector[at++] = character;
            sector[at++] = (byte) 0xEE; // out dx, al
        }
        sector[at++] = (byte) 0xFA; // cli
        sector[at++] = (byte) 0xF4; // hlt
        sector[at++] = (byte) 0xEB; // jmp back to hlt
        sector[at] = (byte) 0xFD;
        sector[510] = 0x55;
        sector[511] = (byte) 0xAA;
        return sector;
    }

    private static void deleteTree(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
