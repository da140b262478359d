package io.strato.compute.virt.fake;

import io.strato.compute.virt.Acceleration;
import io.strato.compute.virt.DriverCapability;
import io.strato.compute.virt.DriverException;
import io.strato.compute.virt.HostResources;
import io.strato.compute.virt.HypervisorDriver;
import io.strato.compute.virt.InstanceSpec;
import io.strato.compute.virt.PowerState;
import io.strato.compute.virt.RebootType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Guests as entries in a map: no processes, no disks, instant state changes. For tests and
 * scale tests of the layers above; never what a real deployment gets.
 */
public final class FakeHypervisorDriver implements HypervisorDriver {
    private static final int QCOW2_MAGIC = 0x514649fb;
    private static final long GIB = 1L << 30;

    private final HostResources hostSize;
    private final Set<DriverCapability> capabilities;
    private final Map<String, Guest> guests = new LinkedHashMap<>();

    private static final class Guest {
        InstanceSpec spec;
        PowerState state = PowerState.RUNNING;
        final List<String> console = new ArrayList<>();

        Guest(InstanceSpec spec) {
            this.spec = spec;
        }
    }

    /** A fake host of the given size with every capability. */
    public FakeHypervisorDriver(int vcpus, long memoryMib, long diskGib) {
        this(vcpus, memoryMib, diskGib, EnumSet.allOf(DriverCapability.class));
    }

    public FakeHypervisorDriver(int vcpus, long memoryMib, long diskGib, Set<DriverCapability> capabilities) {
        this.hostSize = new HostResources(vcpus, memoryMib, diskGib, "fake", "1.0.0", Acceleration.NONE);
        this.capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
    }

    @Override
    public Set<DriverCapability> capabilities() {
        return capabilities;
    }

    @Override
    public synchronized HostResources host() {
        long used = guests.values().stream().mapToLong(guest -> guest.spec.rootDiskGib()).sum();
        return new HostResources(hostSize.vcpus(), hostSize.memoryMib(), Math.max(0, hostSize.diskGibFree() - used),
                hostSize.hypervisorType(), hostSize.hypervisorVersion(), hostSize.acceleration());
    }

    @Override
    public synchronized void spawn(InstanceSpec spec) {
        if (guests.containsKey(spec.instanceId())) {
            throw DriverException.exists(spec.instanceId());
        }
        if (spec.kernel() != null) {
            require(DriverCapability.DIRECT_KERNEL_BOOT);
        }
        Guest guest = new Guest(spec);
        guest.console.add("fake guest " + spec.instanceId() + " booting");
        guest.console.add("fake guest " + spec.instanceId() + " ready");
        guests.put(spec.instanceId(), guest);
    }

    @Override
    public synchronized void destroy(String instanceId) {
        guest(instanceId);
        guests.remove(instanceId);
    }

    @Override
    public synchronized void powerOff(String instanceId, Duration grace) {
        Guest guest = guest(instanceId);
        if (guest.state == PowerState.SUSPENDED) {
            throw DriverException.invalidState(instanceId, guest.state, "power off");
        }
        guest.state = PowerState.SHUTDOWN;
    }

    @Override
    public synchronized void powerOn(String instanceId) {
        Guest guest = guest(instanceId);
        switch (guest.state) {
            case RUNNING -> {
            }
            case SHUTDOWN, CRASHED, NOSTATE -> {
                guest.state = PowerState.RUNNING;
                guest.console.add("fake guest " + instanceId + " ready");
            }
            default -> throw DriverException.invalidState(instanceId, guest.state, "power on");
        }
    }

    @Override
    public synchronized void reboot(String instanceId, RebootType type) {
        Guest guest = guest(instanceId);
        if (type == RebootType.SOFT) {
            require(DriverCapability.SOFT_REBOOT);
        }
        if (guest.state == PowerState.SUSPENDED) {
            throw DriverException.invalidState(instanceId, guest.state, "reboot");
        }
        guest.state = PowerState.RUNNING;
        guest.console.add("fake guest " + instanceId + " ready");
    }

    @Override
    public synchronized void pause(String instanceId) {
        require(DriverCapability.PAUSE);
        transition(instanceId, PowerState.RUNNING, PowerState.PAUSED, "pause");
    }

    @Override
    public synchronized void unpause(String instanceId) {
        require(DriverCapability.PAUSE);
        transition(instanceId, PowerState.PAUSED, PowerState.RUNNING, "unpause");
    }

    @Override
    public synchronized void suspend(String instanceId) {
        require(DriverCapability.SUSPEND);
        Guest guest = guest(instanceId);
        if (guest.state != PowerState.RUNNING && guest.state != PowerState.PAUSED) {
            throw DriverException.invalidState(instanceId, guest.state, "suspend");
        }
        guest.state = PowerState.SUSPENDED;
    }

    @Override
    public synchronized void resume(String instanceId) {
        require(DriverCapability.SUSPEND);
        transition(instanceId, PowerState.SUSPENDED, PowerState.RUNNING, "resume");
    }

    @Override
    public synchronized PowerState powerState(String instanceId) {
        return guest(instanceId).state;
    }

    @Override
    public synchronized List<String> instances() {
        return List.copyOf(guests.keySet());
    }

    @Override
    public synchronized String consoleOutput(String instanceId, int maxLines) {
        require(DriverCapability.CONSOLE_LOG);
        List<String> lines = guest(instanceId).console;
        List<String> tail = lines.subList(Math.max(0, lines.size() - Math.max(0, maxLines)), lines.size());
        return tail.isEmpty() ? "" : String.join("\n", tail) + "\n";
    }

    /** Writes a qcow2 header (magic, version 3, virtual size) and nothing else. */
    @Override
    public synchronized void snapshot(String instanceId, Path target) {
        require(DriverCapability.SNAPSHOT);
        Guest guest = guest(instanceId);
        ByteBuffer header = ByteBuffer.allocate(104);
        header.putInt(QCOW2_MAGIC).putInt(3).putLong(0).putInt(0).putInt(16).putLong(guest.spec.rootDiskGib() * GIB);
        try {
            Files.write(target, header.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void resize(String instanceId, InstanceSpec newSpec) {
        require(DriverCapability.RESIZE);
        Guest guest = guest(instanceId);
        if (!newSpec.instanceId().equals(instanceId)) {
            throw new DriverException(DriverException.Reason.INVALID_SPEC,
                    "resize spec is for " + newSpec.instanceId() + ", not " + instanceId);
        }
        if (guest.state != PowerState.SHUTDOWN) {
            throw DriverException.invalidState(instanceId, guest.state, "resize");
        }
        if (newSpec.rootDiskGib() < guest.spec.rootDiskGib()) {
            throw new DriverException(DriverException.Reason.INVALID_SPEC, "cannot shrink the root disk of "
                    + instanceId + " from " + guest.spec.rootDiskGib() + " GiB to " + newSpec.rootDiskGib() + " GiB");
        }
        guest.spec = newSpec;
    }

    /** The spec the guest runs with now (after resizes). */
    public synchronized InstanceSpec spec(String instanceId) {
        return guest(instanceId).spec;
    }

    /** Makes a guest look crashed, as a panicking kernel would. */
    public synchronized void crash(String instanceId) {
        guest(instanceId).state = PowerState.CRASHED;
    }

    private void transition(String instanceId, PowerState from, PowerState to, String operation) {
        Guest guest = guest(instanceId);
        if (guest.state != from) {
            throw DriverException.invalidState(instanceId, guest.state, operation);
        }
        guest.state = to;
    }

    private Guest guest(String instanceId) {
        Guest guest = guests.get(instanceId);
        if (guest == null) {
            throw DriverException.notFound(instanceId);
        }
        return guest;
    }

    private void require(DriverCapability capability) {
        if (!capabilities.contains(capability)) {
            throw DriverException.unsupported(capability);
        }
    }
}
