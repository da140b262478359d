package io.strato.compute.scheduler;

import java.util.List;

/**
 * Passes hosts with room for one resource class of the flavor, the way placement decides it: the request
 * must fit in {@code total * allocation ratio - used} and must not exceed the host's physical total
 * (an inventory's {@code max_unit}). Nova's old RamFilter, CoreFilter and DiskFilter.
 */
public abstract sealed class ResourceFilter implements HostFilter
        permits ResourceFilter.RamFilter, ResourceFilter.CoreFilter, ResourceFilter.DiskFilter {
    private final ResourceClass resourceClass;

    private ResourceFilter(ResourceClass resourceClass) {
        this.resourceClass = resourceClass;
    }

    public static ResourceFilter ram() {
        return new RamFilter();
    }

    public static ResourceFilter core() {
        return new CoreFilter();
    }

    public static ResourceFilter disk() {
        return new DiskFilter();
    }

    public ResourceClass resourceClass() {
        return resourceClass;
    }

    @Override
    public boolean passes(HostState host, RequestSpec request) {
        return request.flavor().resources().amount(resourceClass) <= host.allocatable(resourceClass);
    }

    @Override
    public boolean appliesToForcedHost() {
        return true;
    }

    @Override
    public String explainRejections(List<HostState> rejected, RequestSpec request) {
        long needed = request.flavor().resources().amount(resourceClass);
        long mostFree = rejected.stream().mapToLong(host -> host.allocatable(resourceClass)).max().orElse(0);
        String unit = resourceClass.unit();
        return HostFilter.hostsThat(rejected.size(), "lacks", "lack") + " " + resourceClass.description() + ": the flavor needs "
                + needed + " " + unit + ", the most free is " + mostFree + " " + unit;
    }

    /** Memory ({@code MEMORY_MB}). */
    public static final class RamFilter extends ResourceFilter {
        public RamFilter() {
            super(ResourceClass.MEMORY_MB);
        }
    }

    /** vCPUs ({@code VCPU}). */
    public static final class CoreFilter extends ResourceFilter {
        public CoreFilter() {
            super(ResourceClass.VCPU);
        }
    }

    /** Disk ({@code DISK_GB}: root + ephemeral + swap). */
    public static final class DiskFilter extends ResourceFilter {
        public DiskFilter() {
            super(ResourceClass.DISK_GB);
        }
    }
}
