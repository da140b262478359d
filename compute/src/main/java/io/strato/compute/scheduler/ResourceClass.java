package io.strato.compute.scheduler;

/** Placement's standard resource classes that a flavor asks for. */
public enum ResourceClass {
    VCPU("vCPUs", "vCPUs"),
    MEMORY_MB("memory", "MiB"),
    DISK_GB("disk", "GiB");

    private final String description;
    private final String unit;

    ResourceClass(String description, String unit) {
        this.description = description;
        this.unit = unit;
    }

    /** What a user calls it, e.g. {@code memory}. */
    public String description() {
        return description;
    }

    /** The unit amounts are counted in, e.g. {@code MiB}. */
    public String unit() {
        return unit;
    }
}
