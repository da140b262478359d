package io.strato.compute.virt.fake;

import io.strato.compute.virt.HypervisorDriver;
import io.strato.compute.virt.HypervisorDriverContract;
import io.strato.compute.virt.InstanceSpec;
import java.nio.file.Path;
import java.util.Set;

/** The contract against a fake with no optional capabilities: the capability skips work. */
class BasicFakeHypervisorDriverTest extends HypervisorDriverContract {
    private final FakeHypervisorDriver driver = new FakeHypervisorDriver(4, 4096, 100, Set.of());

    @Override
    protected HypervisorDriver driver() {
        return driver;
    }

    @Override
    protected InstanceSpec spec(String instanceId, int rootDiskGib) {
        return InstanceSpec.of(instanceId, 1, 64, rootDiskGib, Path.of("/nonexistent/image"), "image-1", "qcow2");
    }
}
