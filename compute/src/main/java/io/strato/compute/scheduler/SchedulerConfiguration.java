package io.strato.compute.scheduler;

import java.util.List;

/**
 * The scheduler's settings, Nova's {@code [filter_scheduler]} options.
 *
 * @param ramWeightMultiplier {@code ram_weight_multiplier}: positive spreads, negative stacks
 * @param cpuWeightMultiplier {@code cpu_weight_multiplier}
 * @param diskWeightMultiplier {@code disk_weight_multiplier}
 * @param softAffinityWeightMultiplier {@code soft_affinity_weight_multiplier}, not negative
 * @param softAntiAffinityWeightMultiplier {@code soft_anti_affinity_weight_multiplier}, not negative
 * @param maxAttempts {@code [scheduler] max_attempts}: the chosen host plus up to this minus one alternates
 */
public record SchedulerConfiguration(double ramWeightMultiplier, double cpuWeightMultiplier,
                                     double diskWeightMultiplier, double softAffinityWeightMultiplier,
                                     double softAntiAffinityWeightMultiplier, int maxAttempts) {
    public static final SchedulerConfiguration NOVA_DEFAULTS = new SchedulerConfiguration(1.0, 1.0, 1.0, 1.0, 1.0, 3);

    public SchedulerConfiguration {
        if (softAffinityWeightMultiplier < 0 || softAntiAffinityWeightMultiplier < 0) {
            throw new IllegalArgumentException("soft (anti-)affinity weight multipliers must not be negative");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    public SchedulerConfiguration withRamWeightMultiplier(double multiplier) {
        return new SchedulerConfiguration(multiplier, cpuWeightMultiplier, diskWeightMultiplier,
                softAffinityWeightMultiplier, softAntiAffinityWeightMultiplier, maxAttempts);
    }

    public SchedulerConfiguration withCpuWeightMultiplier(double multiplier) {
        return new SchedulerConfiguration(ramWeightMultiplier, multiplier, diskWeightMultiplier,
                softAffinityWeightMultiplier, softAntiAffinityWeightMultiplier, maxAttempts);
    }

    public SchedulerConfiguration withDiskWeightMultiplier(double multiplier) {
        return new SchedulerConfiguration(ramWeightMultiplier, cpuWeightMultiplier, multiplier,
                softAffinityWeightMultiplier, softAntiAffinityWeightMultiplier, maxAttempts);
    }

    /** The filters in the order they run: cheap state checks, then resources, then the rest. */
    public List<HostFilter> filters() {
        return List.of(new ComputeFilter(), new AvailabilityZoneFilter(), ResourceFilter.ram(),
                ResourceFilter.core(), ResourceFilter.disk(), new RequiredTraitsFilter(),
                new AggregateInstanceExtraSpecsFilter(), new ImagePropertiesFilter(),
                new ServerGroupAntiAffinityFilter(), new ServerGroupAffinityFilter());
    }

    /** The weighers with this configuration's multipliers. */
    public List<HostWeigher> weighers() {
        return List.of(new RamWeigher(ramWeightMultiplier), new CpuWeigher(cpuWeightMultiplier),
                new DiskWeigher(diskWeightMultiplier), new ServerGroupSoftAffinityWeigher(softAffinityWeightMultiplier),
                new ServerGroupSoftAntiAffinityWeigher(softAntiAffinityWeightMultiplier));
    }
}
