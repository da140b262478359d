package io.strato.compute.scheduler;

/**
 * An amount of the three resource classes the scheduler places: vCPUs, RAM and disk
 * (placement's {@code VCPU}, {@code MEMORY_MB} and {@code DISK_GB}).
 *
 * @param vcpus virtual CPUs
 * @param memoryMib RAM in MiB
 * @param diskGib disk in GiB
 */
public record Resources(long vcpus, long memoryMib, long diskGib) {
    public static final Resources NONE = new Resources(0, 0, 0);

    public Resources {
        if (vcpus < 0 || memoryMib < 0 || diskGib < 0) {
            throw new IllegalArgumentException("resources must not be negative: " + vcpus + " vCPUs, "
                    + memoryMib + " MiB, " + diskGib + " GiB");
        }
    }

    public Resources plus(Resources other) {
        return new Resources(vcpus + other.vcpus, memoryMib + other.memoryMib, diskGib + other.diskGib);
    }

    /** This minus {@code other}, never below zero (releasing more than was used leaves nothing). */
    public Resources minus(Resources other) {
        return new Resources(Math.max(0, vcpus - other.vcpus), Math.max(0, memoryMib - other.memoryMib),
                Math.max(0, diskGib - other.diskGib));
    }

    /** The amount of one resource class. */
    public long amount(ResourceClass resourceClass) {
        return switch (resourceClass) {
            case VCPU -> vcpus;
            case MEMORY_MB -> memoryMib;
            case DISK_GB -> diskGib;
        };
    }

    @Override
    public String toString() {
        return vcpus + " vCPUs, " + memoryMib + " MiB RAM, " + diskGib + " GiB disk";
    }
}
