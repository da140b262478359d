package io.strato.compute.scheduler;

/**
 * How far a host's physical resources may be overcommitted: a host offers
 * {@code floor(total * ratio)} of each resource class, as placement computes capacity.
 *
 * @param cpu {@code cpu_allocation_ratio}
 * @param ram {@code ram_allocation_ratio}
 * @param disk {@code disk_allocation_ratio}
 */
public record AllocationRatios(double cpu, double ram, double disk) {
    /** Nova's initial ratios: 16 vCPUs per physical CPU, 1.5 times the RAM, no disk overcommit. */
    public static final AllocationRatios NOVA_DEFAULTS = new AllocationRatios(16.0, 1.5, 1.0);

    public AllocationRatios {
        check("cpu", cpu);
        check("ram", ram);
        check("disk", disk);
    }

    private static void check(String name, double ratio) {
        if (!(ratio > 0) || Double.isInfinite(ratio)) {
            throw new IllegalArgumentException(name + " allocation ratio must be a positive number, got " + ratio);
        }
    }

    public double ratio(ResourceClass resourceClass) {
        return switch (resourceClass) {
            case VCPU -> cpu;
            case MEMORY_MB -> ram;
            case DISK_GB -> disk;
        };
    }

    /** What a host with these physical {@code total}s can hand out in all. */
    public Resources capacity(Resources total) {
        return new Resources(scale(total.vcpus(), cpu), scale(total.memoryMib(), ram), scale(total.diskGib(), disk));
    }

    /** What a host with {@code total} of one resource class can hand out in all. */
    public long capacity(ResourceClass resourceClass, long total) {
        return scale(total, ratio(resourceClass));
    }

    private static long scale(long total, double ratio) {
        // a tiny epsilon keeps e.g. 10 * 1.1 from flooring to 10 instead of 11
        return (long) Math.floor(total * ratio + 1e-9);
    }
}
