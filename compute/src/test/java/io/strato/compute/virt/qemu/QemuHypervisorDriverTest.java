package io.strato.compute.virt.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strato.compute.virt.Acceleration;
import io.strato.compute.virt.DriverException;
import io.strato.compute.virt.HypervisorDriver;
import io.strato.compute.virt.HypervisorDriverContract;
import io.strato.compute.virt.InstanceSpec;
import io.strato.compute.virt.PowerState;
import io.strato.compute.virt.RebootType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract against real QEMU guests (TCG when KVM does not work). Boots Strato's tiny test
 * image when {@code tools/tiny-image/build.sh} can build it, else an empty disk (SeaBIOS alone
 * gives power states, pause, suspend and snapshots).
 */
class QemuHypervisorDriverTest extends HypervisorDriverContract {
    private static final String READY_MARKER = "STRATO-TINY: ready";
    private static final Duration BOOT_DEADLINE = Duration.ofSeconds(120);

    @TempDir
    static Path shared;
    private static Path instancesDirectory;
    private static Path baseImage;
    private static boolean tinyImage;
    private static AccelerationProbe.Result probe;

    private QemuHypervisorDriver driver;

    @BeforeAll
    static void prepare() throws IOException, InterruptedException {
        assumeTrue(runs(List.of("qemu-system-x86_64", "--version"), Duration.ofSeconds(20)),
                "qemu-system-x86_64 is not installed");
        assumeTrue(runs(List.of("qemu-img", "--version"), Duration.ofSeconds(20)), "qemu-img is not installed");
        instancesDirectory = shared.resolve("instances");
        probe = new AccelerationProbe(Path.of("qemu-system-x86_64"), Path.of("/dev/kvm")).probe();
        System.out.println("[qemu-test] acceleration " + probe.acceleration() + ": " + probe.reason());
        Optional<Path> script = findBuildScript();
        Path tiny = shared.resolve("tiny.qcow2");
        if (script.isPresent() && runs(List.of("bash", script.get().toString(), tiny.toString()), Duration.ofSeconds(300))
                && Files.exists(tiny)) {
            baseImage = tiny;
            tinyImage = true;
        } else {
            baseImage = shared.resolve("empty.qcow2");
            assumeTrue(runs(List.of("qemu-img", "create", "-q", "-f", "qcow2", baseImage.toString(), "64M"),
                    Duration.ofSeconds(20)), "cannot create an empty disk");
        }
        System.out.println("[qemu-test] base image: " + (tinyImage ? "tiny image " : "empty disk ") + baseImage);
    }

    /** Kills any QEMU this suite started that is still around, by pidfile. */
    @AfterAll
    static void killLeftovers() throws IOException {
        if (instancesDirectory == null || !Files.isDirectory(instancesDirectory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(instancesDirectory)) {
            for (Path pidFile : paths.filter(path -> path.getFileName().toString().equals("qemu.pid")).toList()) {
                QemuProcesses.alive(pidFile).ifPresent(process -> {
                    System.out.println("[qemu-test] killing leftover QEMU " + process.pid());
                    process.destroyForcibly();
                    QemuProcesses.awaitExit(process, Duration.ofSeconds(10));
                });
            }
        }
    }

    @BeforeEach
    void createDriver() {
        driver = new QemuHypervisorDriver(settings());
    }

    private static QemuSettings settings() {
        return QemuSettings.defaults(instancesDirectory)
                .withAccelerationMode(probe.acceleration() == Acceleration.KVM
                        ? QemuSettings.AccelerationMode.KVM : QemuSettings.AccelerationMode.TCG)
                .withSoftRebootTimeout(Duration.ofSeconds(60));
    }

    @Override
    protected HypervisorDriver driver() {
        return driver;
    }

    @Override
    protected InstanceSpec spec(String instanceId, int rootDiskGib) {
        return InstanceSpec.of(instanceId, 1, 128, rootDiskGib, baseImage, "test-image", "qcow2");
    }

    /** Checks with {@code qemu-img info}: qcow2, no backing file, the guest's disk size. */
    @Override
    protected void assertQcow2(Path image, String instanceId) {
        QemuImageTool.ImageInfo info = new QemuImageTool(Path.of("qemu-img"), Duration.ofSeconds(30), new ObjectMapper())
                .info(image, false);
        assertEquals("qcow2", info.format());
        assertNull(info.backingFile(), "a snapshot stands alone");
        assertEquals(1L << 30, info.virtualSize());
    }

    @Test
    void theAcceleratorIsSettledByTrying() {
        assertTrue(probe.reason().length() > 10, probe.reason());
        assertEquals(probe.acceleration(), driver.host().acceleration());
        assertEquals("QEMU", driver.host().hypervisorType());
    }

    @Test
    void theTinyImageBootsAndItsConsoleShowsTheMarkers() {
        assumeTrue(tinyImage, "the tiny image could not be built");
        String id = spawnGuest();
        awaitConsole(id, READY_MARKER, 1);
        assertTrue(driver.consoleOutput(id, 1000).contains("STRATO-TINY"));
    }

    @Test
    void aSoftRebootShutsTheGuestDownCleanlyAndStartsItAgain() {
        assumeTrue(tinyImage, "needs a guest that reacts to ACPI");
        String id = spawnGuest();
        awaitConsole(id, READY_MARKER, 1);
        driver.reboot(id, RebootType.SOFT);
        assertEquals(PowerState.RUNNING, driver.powerState(id));
        assertTrue(driver.consoleOutput(id, 10_000).contains("STRATO-TINY: poweroff"), "the guest shut down cleanly");
        awaitConsole(id, READY_MARKER, 2);
    }

    @Test
    void aResumedGuestRunsOnWhereItStopped() {
        assumeTrue(tinyImage, "needs a guest that shows it is alive");
        String id = spawnGuest();
        awaitConsole(id, READY_MARKER, 1);
        driver.suspend(id);
        assertFalse(Files.exists(instancesDirectory.resolve(id).resolve("qemu.pid")), "no process while suspended");
        driver.resume(id);
        driver.powerOff(id, Duration.ofSeconds(60));
        String console = driver.consoleOutput(id, 10_000);
        assertTrue(console.contains("STRATO-TINY: acpi power button"), "the resumed guest handled ACPI:\n" + console);
        assertEquals(1, console.split(READY_MARKER, -1).length - 1, "the guest did not boot again");
        assertEquals(PowerState.SHUTDOWN, driver.powerState(id));
    }

    @Test
    void aNewDriverTakesOverRunningGuests() {
        String id = spawnGuest();
        driver.pause(id);
        QemuHypervisorDriver restarted = new QemuHypervisorDriver(settings());
        assertTrue(restarted.instances().contains(id));
        assertEquals(PowerState.PAUSED, restarted.powerState(id));
        restarted.unpause(id);
        assertEquals(PowerState.RUNNING, driver.powerState(id));
    }

    @Test
    void aKilledQemuProcessMeansShutDown() throws IOException {
        String id = spawnGuest();
        Path pidFile = instancesDirectory.resolve(id).resolve("qemu.pid");
        ProcessHandle process = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).orElseThrow();
        process.destroyForcibly();
        assertTrue(QemuProcesses.awaitExit(process, Duration.ofSeconds(10)));
        assertEquals(PowerState.SHUTDOWN, driver.powerState(id));
        driver.powerOn(id);
        assertEquals(PowerState.RUNNING, driver.powerState(id));
    }

    @Test
    void aQemuThatCannotStartGivesItsReasonAndLeavesNothing() throws IOException {
        Path kernel = scratch.resolve("not-a-kernel");
        Files.writeString(kernel, "this is not a kernel");
        InstanceSpec broken = new InstanceSpec("broken-kernel", "broken", 1, 64, 1, baseImage, "test-image", "qcow2",
                kernel, null, "console=ttyS0", List.of(), null);
        DriverException error = assertThrows(DriverException.class, () -> driver.spawn(broken));
        assertEquals(DriverException.Reason.HYPERVISOR_FAILURE, error.reason());
        assertTrue(error.getMessage().startsWith("qemu-system-x86_64 exited with status"), error.getMessage());
        System.out.println("[qemu-test] start failure reads: " + error.getMessage());
        assertFalse(driver.instances().contains("broken-kernel"));
        assertFalse(Files.exists(instancesDirectory.resolve("broken-kernel")));
    }

    @Test
    void aRootDiskSmallerThanTheImageIsRefused() throws IOException, InterruptedException {
        Path big = scratch.resolve("big.qcow2");
        assertTrue(runs(List.of("qemu-img", "create", "-q", "-f", "qcow2", big.toString(), "3G"), Duration.ofSeconds(20)));
        DriverException error = assertThrows(DriverException.class,
                () -> driver.spawn(InstanceSpec.of("too-small", 1, 64, 1, big, "big-image", "qcow2")));
        assertEquals(DriverException.Reason.INVALID_SPEC, error.reason());
        assertTrue(error.getMessage().contains("smaller than image big-image"), error.getMessage());
        assertFalse(driver.instances().contains("too-small"));
    }

    @Test
    void aRawImageIsConvertedOnceIntoTheQcow2Cache() throws IOException, InterruptedException {
        Path raw = scratch.resolve("disk.raw");
        assertTrue(runs(List.of("qemu-img", "create", "-q", "-f", "raw", raw.toString(), "32M"), Duration.ofSeconds(20)));
        driver.spawn(InstanceSpec.of("raw-1", 1, 64, 1, raw, "raw-image", "raw"));
        Path cached = instancesDirectory.resolve("_base").resolve("raw-image.qcow2");
        QemuImageTool tool = new QemuImageTool(Path.of("qemu-img"), Duration.ofSeconds(30), new ObjectMapper());
        assertEquals("qcow2", tool.info(cached, false).format());
        var firstConversion = Files.getLastModifiedTime(cached);
        Files.delete(raw);
        driver.spawn(InstanceSpec.of("raw-2", 1, 64, 1, raw, "raw-image", "raw"));
        assertEquals(firstConversion, Files.getLastModifiedTime(cached), "the cache is reused");
        assertEquals(cached.toString(), tool.info(instancesDirectory.resolve("raw-2/disk.qcow2"), true).backingFile());
        assertFalse(driver.instances().contains("_base"));
        driver.destroy("raw-1");
        driver.destroy("raw-2");
    }

    @Test
    void aResizedGuestGetsItsNewDiskAndFlavor() {
        String id = spawnGuest();
        driver.powerOff(id, Duration.ZERO);
        driver.resize(id, spec(id, 2).withFlavor(2, 192, 2));
        Path disk = instancesDirectory.resolve(id).resolve("disk.qcow2");
        QemuImageTool tool = new QemuImageTool(Path.of("qemu-img"), Duration.ofSeconds(30), new ObjectMapper());
        assertEquals(2L << 30, tool.info(disk, false).virtualSize());
        driver.powerOn(id);
        assertEquals(PowerState.RUNNING, driver.powerState(id));
    }

    private void awaitConsole(String id, String marker, int times) {
        long deadline = System.nanoTime() + BOOT_DEADLINE.toNanos();
        while (true) {
            String console = driver.consoleOutput(id, 10_000);
            int seen = console.split(java.util.regex.Pattern.quote(marker), -1).length - 1;
            if (seen >= times) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("console of " + id + " did not show " + marker + " " + times
                        + " time(s) within " + BOOT_DEADLINE.toSeconds() + " s; last lines:\n" + driver.consoleOutput(id, 20));
            }
            QemuProcesses.sleep(Duration.ofMillis(250));
        }
    }

    private static Optional<Path> findBuildScript() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path script = directory.resolve("tools/tiny-image/build.sh");
            if (Files.isRegularFile(script)) {
                return Optional.of(script);
            }
        }
        return Optional.empty();
    }

    private static boolean runs(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return false;
        }
        if (!process.waitFor(timeout.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }
}
