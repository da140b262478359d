package io.strato.compute.virt.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strato.compute.virt.DriverCapability;
import io.strato.compute.virt.DriverException;
import io.strato.compute.virt.HypervisorDriver;
import io.strato.compute.virt.HypervisorDriverContract;
import io.strato.compute.virt.InstanceSpec;
import io.strato.compute.virt.PowerState;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FakeHypervisorDriverTest extends HypervisorDriverContract {
    private final FakeHypervisorDriver driver = new FakeHypervisorDriver(64, 256 * 1024, 10_000);

    @Override
    protected HypervisorDriver driver() {
        return driver;
    }

    @Override
    protected InstanceSpec spec(String instanceId, int rootDiskGib) {
        return InstanceSpec.of(instanceId, 1, 64, rootDiskGib, Path.of("/nonexistent/image"), "image-1", "qcow2");
    }

    @Test
    void theHostSizeIsConfigurableAndDiskIsAccountedFor() {
        driver.spawn(spec("a", 10));
        assertEquals(64, driver.host().vcpus());
        assertEquals(256 * 1024, driver.host().memoryMib());
        assertEquals(9_990, driver.host().diskGibFree());
    }

    @Test
    void aResizedFlavorIsKeptAndACrashIsReported() {
        driver.spawn(spec("b", 1));
        driver.powerOff("b", java.time.Duration.ZERO);
        driver.resize("b", spec("b", 5).withFlavor(4, 128, 5));
        assertEquals(4, driver.spec("b").vcpus());
        driver.powerOn("b");
        driver.crash("b");
        assertEquals(PowerState.CRASHED, driver.powerState("b"));
    }

    @Test
    void aDriverWithoutACapabilityRefusesItsOperations() {
        FakeHypervisorDriver limited = new FakeHypervisorDriver(1, 1024, 10, Set.of(DriverCapability.PAUSE));
        limited.spawn(spec("c", 1));
        DriverException error = assertThrows(DriverException.class, () -> limited.suspend("c"));
        assertEquals(DriverException.Reason.UNSUPPORTED, error.reason());
    }
}
