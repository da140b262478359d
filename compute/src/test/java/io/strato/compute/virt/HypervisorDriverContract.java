package io.strato.compute.virt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link HypervisorDriver} must do; each driver's test extends this. Tests of
 * optional operations skip when the driver lacks the {@link DriverCapability}.
 */
public abstract class HypervisorDriverContract {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final byte[] QCOW2_MAGIC = {'Q', 'F', 'I', (byte) 0xfb};

    private final List<String> spawned = new ArrayList<>();

    @TempDir
    protected Path scratch;

    /** The driver under test; the same one for the whole of a test. */
    protected abstract HypervisorDriver driver();

    /** A small guest this driver can run, with the given id and root disk. */
    protected abstract InstanceSpec spec(String instanceId, int rootDiskGib);

    /** How long a test lets a guest shut down cleanly before the driver stops it hard. */
    protected Duration gracePeriod() {
        return Duration.ofSeconds(2);
    }

    /** Checks that a snapshot is a qcow2 image; drivers with better means override this. */
    protected void assertQcow2(Path image, String instanceId) throws IOException {
        try (InputStream in = Files.newInputStream(image)) {
            assertArrayEquals(QCOW2_MAGIC, in.readNBytes(4), "a snapshot starts with the qcow2 magic");
        }
    }

    /** Spawns a new guest with a unique id and destroys it after the test. */
    protected final String spawnGuest() {
        String id = "contract-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        driver().spawn(spec(id, 1));
        spawned.add(id);
        return id;
    }

    @AfterEach
    void destroySpawnedGuests() {
        for (String id : spawned) {
            if (driver().instances().contains(id)) {
                driver().destroy(id);
            }
        }
    }

    private void assumeCapable(DriverCapability capability) {
        assumeTrue(driver().capabilities().contains(capability), "the driver lacks " + capability);
    }

    private static void assertRefused(DriverException.Reason reason, String mentioning, Executable operation) {
        DriverException error = assertThrows(DriverException.class, operation);
        assertEquals(reason, error.reason(), error.getMessage());
        assertTrue(error.getMessage().contains(mentioning), "the message names " + mentioning + ": " + error.getMessage());
    }

    @Test
    void aSpawnedGuestRunsAndIsListed() {
        String id = spawnGuest();
        assertEquals(PowerState.RUNNING, driver().powerState(id));
        assertTrue(driver().instances().contains(id));
    }

    @Test
    void theHostDescribesItself() {
        HostResources host = driver().host();
        assertTrue(host.vcpus() > 0);
        assertTrue(host.memoryMib() > 0);
        assertTrue(host.diskGibFree() >= 0);
        assertFalse(host.hypervisorType().isBlank());
        assertTrue(host.hypervisorVersionNumber() > 0, host.hypervisorVersion());
    }

    @Test
    void pauseStopsTheGuestAndUnpauseLetsItRunOn() {
        assumeCapable(DriverCapability.PAUSE);
        String id = spawnGuest();
        driver().pause(id);
        assertEquals(PowerState.PAUSED, driver().powerState(id));
        assertRefused(DriverException.Reason.INVALID_STATE, id, () -> driver().pause(id));
        driver().unpause(id);
        assertEquals(PowerState.RUNNING, driver().powerState(id));
        assertRefused(DriverException.Reason.INVALID_STATE, id, () -> driver().unpause(id));
    }

    @Test
    void powerOffShutsTheGuestDownAndPowerOnStartsItAgain() {
        String id = spawnGuest();
        driver().powerOff(id, gracePeriod());
        assertEquals(PowerState.SHUTDOWN, driver().powerState(id));
        assertTrue(driver().instances().contains(id), "a shut-down guest is still there");
        driver().powerOff(id, gracePeriod());
        assertEquals(PowerState.SHUTDOWN, driver().powerState(id), "powering off twice does no harm");
        driver().powerOn(id);
        assertEquals(PowerState.RUNNING, driver().powerState(id));
        driver().powerOn(id);
        assertEquals(PowerState.RUNNING, driver().powerState(id), "powering on twice does no harm");
    }

    @Test
    void aHardRebootKeepsTheGuestRunning() {
        String id = spawnGuest();
        driver().reboot(id, RebootType.HARD);
        assertEquals(PowerState.RUNNING, driver().powerState(id));
    }

    @Test
    void rebootingAShutDownGuestStartsIt() {
        String id = spawnGuest();
        driver().powerOff(id, Duration.ZERO);
        driver().reboot(id, RebootType.HARD);
        assertEquals(PowerState.RUNNING, driver().powerState(id));
    }

    @Test
    void suspendSavesTheGuestAndResumeBringsItBack() {
        assumeCapable(DriverCapability.SUSPEND);
        String id = spawnGuest();
        driver().suspend(id);
        assertEquals(PowerState.SUSPENDED, driver().powerState(id));
        assertTrue(driver().instances().contains(id));
        assertRefused(DriverException.Reason.INVALID_STATE, id, () -> driver().powerOn(id));
        driver().resume(id);
        assertEquals(PowerState.RUNNING, driver().powerState(id));
        assertRefused(DriverException.Reason.INVALID_STATE, id, () -> driver().resume(id));
    }

    @Test
    void aPausedGuestCanBeSuspendedAndResumesRunning() {
        assumeCapable(DriverCapability.SUSPEND);
        assumeCapable(DriverCapability.PAUSE);
        String id = spawnGuest();
        driver().pause(id);
        driver().suspend(id);
        assertEquals(PowerState.SUSPENDED, driver().powerState(id));
        driver().resume(id);
        assertEquals(PowerState.RUNNING, driver().powerState(id));
    }

    @Test
    void aSnapshotIsAStandaloneQcow2AndTheGuestRunsOn() throws IOException {
        assumeCapable(DriverCapability.SNAPSHOT);
        String id = spawnGuest();
        Path target = scratch.resolve("snapshot.qcow2");
        driver().snapshot(id, target);
        assertQcow2(target, id);
        assertEquals(PowerState.RUNNING, driver().powerState(id));
    }

    @Test
    void aShutDownGuestCanBeSnapshotted() throws IOException {
        assumeCapable(DriverCapability.SNAPSHOT);
        String id = spawnGuest();
        driver().powerOff(id, Duration.ZERO);
        Path target = scratch.resolve("cold.qcow2");
        driver().snapshot(id, target);
        assertQcow2(target, id);
        assertEquals(PowerState.SHUTDOWN, driver().powerState(id));
    }

    @Test
    void resizeNeedsAShutDownGuestGrowsAndNeverShrinks() {
        assumeCapable(DriverCapability.RESIZE);
        String id = spawnGuest();
        InstanceSpec bigger = spec(id, 2).withFlavor(2, spec(id, 2).memoryMib() + 64, 2);
        assertRefused(DriverException.Reason.INVALID_STATE, id, () -> driver().resize(id, bigger));
        driver().powerOff(id, Duration.ZERO);
        driver().resize(id, bigger);
        assertRefused(DriverException.Reason.INVALID_SPEC, id, () -> driver().resize(id, spec(id, 1)));
        assertRefused(DriverException.Reason.INVALID_SPEC, "not " + id,
                () -> driver().resize(id, spec("someone-else", 3)));
        driver().powerOn(id);
        assertEquals(PowerState.RUNNING, driver().powerState(id));
    }

    @Test
    void theConsoleOutputIsLimitedToTheLastLines() {
        assumeCapable(DriverCapability.CONSOLE_LOG);
        String id = spawnGuest();
        assertTrue(driver().consoleOutput(id, 1).lines().count() <= 1);
        assertEquals("", driver().consoleOutput(id, 0));
    }

    @Test
    void destroyRemovesTheGuest() {
        String id = spawnGuest();
        driver().destroy(id);
        assertFalse(driver().instances().contains(id));
        assertRefused(DriverException.Reason.INSTANCE_NOT_FOUND, id, () -> driver().powerState(id));
        driver().spawn(spec(id, 1));
        assertEquals(PowerState.RUNNING, driver().powerState(id), "the id can be used again");
    }

    @Test
    void destroyWorksInEveryState() {
        String shutDown = spawnGuest();
        driver().powerOff(shutDown, Duration.ZERO);
        driver().destroy(shutDown);
        assertFalse(driver().instances().contains(shutDown));
        if (driver().capabilities().contains(DriverCapability.SUSPEND)) {
            String suspended = spawnGuest();
            driver().suspend(suspended);
            driver().destroy(suspended);
            assertFalse(driver().instances().contains(suspended));
        }
    }

    @Test
    void spawningTheSameIdTwiceIsRefused() {
        String id = spawnGuest();
        assertRefused(DriverException.Reason.INSTANCE_EXISTS, id, () -> driver().spawn(spec(id, 1)));
        assertEquals(PowerState.RUNNING, driver().powerState(id), "the first guest is untouched");
    }

    @Test
    void unknownInstancesAreRefusedWithAClearMessage() {
        String id = "no-such-instance";
        DriverException.Reason notFound = DriverException.Reason.INSTANCE_NOT_FOUND;
        assertRefused(notFound, id, () -> driver().powerState(id));
        assertRefused(notFound, id, () -> driver().destroy(id));
        assertRefused(notFound, id, () -> driver().powerOff(id, Duration.ZERO));
        assertRefused(notFound, id, () -> driver().powerOn(id));
        assertRefused(notFound, id, () -> driver().reboot(id, RebootType.HARD));
        if (driver().capabilities().contains(DriverCapability.SNAPSHOT)) {
            assertRefused(notFound, id, () -> driver().snapshot(id, scratch.resolve("x.qcow2")));
        }
        if (driver().capabilities().contains(DriverCapability.RESIZE)) {
            assertRefused(notFound, id, () -> driver().resize(id, spec(id, 1)));
        }
        if (driver().capabilities().contains(DriverCapability.PAUSE)) {
            assertRefused(notFound, id, () -> driver().pause(id));
            assertRefused(notFound, id, () -> driver().unpause(id));
        }
        if (driver().capabilities().contains(DriverCapability.SUSPEND)) {
            assertRefused(notFound, id, () -> driver().suspend(id));
            assertRefused(notFound, id, () -> driver().resume(id));
        }
        if (driver().capabilities().contains(DriverCapability.CONSOLE_LOG)) {
            assertRefused(notFound, id, () -> driver().consoleOutput(id, 10));
        }
        assertRefused(notFound, "../etc", () -> driver().powerState("../etc"));
    }
}
