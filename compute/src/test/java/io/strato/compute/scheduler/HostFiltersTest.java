package io.strato.compute.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostFiltersTest {
    private static final RequestedFlavor SMALL = RequestedFlavor.of("m1.small", 1, 2048, 20);
    private static final RequestSpec ONE_SMALL = RequestSpec.of(SMALL, "instance-1");

    private static HostState host(String name) {
        return HostState.of(name, 8, 16384, 200);
    }

    @Test
    void computeFilterPassesEnabledUpHostsOnly() {
        ComputeFilter filter = new ComputeFilter();
        assertTrue(filter.passes(host("a"), ONE_SMALL));
        assertFalse(filter.passes(host("a").withService(ServiceStatus.disabled("maintenance")), ONE_SMALL));
        assertFalse(filter.passes(host("a").withService(ServiceStatus.down()), ONE_SMALL));
    }

    @Test
    void computeFilterExplainsDisabledReasonsAndDownHosts() {
        String explanation = new ComputeFilter().explainRejections(List.of(
                host("a").withService(ServiceStatus.disabled("maintenance")),
                host("b").withService(ServiceStatus.disabled("disk swap")),
                host("c").withService(ServiceStatus.down())), ONE_SMALL);
        assertEquals("2 hosts disabled (disk swap; maintenance), 1 host with the compute service down", explanation);
    }

    @Test
    void availabilityZoneFilterMatchesRequestedZoneOrAnyWhenNone() {
        AvailabilityZoneFilter filter = new AvailabilityZoneFilter();
        HostState inZone = host("a").withAvailabilityZone("az1");
        assertTrue(filter.passes(inZone, ONE_SMALL));
        assertTrue(filter.passes(inZone, ONE_SMALL.withAvailabilityZone("az1")));
        assertFalse(filter.passes(host("b"), ONE_SMALL.withAvailabilityZone("az1")));
        assertEquals("nova", host("b").availabilityZone());
        assertEquals("1 host not in availability zone az1",
                filter.explainRejections(List.of(host("b")), ONE_SMALL.withAvailabilityZone("az1")));
    }

    @Test
    void ramFilterUsesTheRamAllocationRatio() {
        // 4096 MiB * 1.5 = 6144 MiB capacity, 4096 used: 2048 free
        HostState host = HostState.of("a", 8, 4096, 100).withUsed(new Resources(0, 4096, 0));
        assertTrue(ResourceFilter.ram().passes(host, RequestSpec.of(RequestedFlavor.of("f", 1, 2048, 1), "i")));
        assertFalse(ResourceFilter.ram().passes(host, RequestSpec.of(RequestedFlavor.of("f", 1, 2049, 1), "i")));
        HostState noOvercommit = host.withAllocationRatios(new AllocationRatios(16, 1.0, 1.0));
        assertFalse(ResourceFilter.ram().passes(noOvercommit, RequestSpec.of(RequestedFlavor.of("f", 1, 1, 1), "i")));
    }

    @Test
    void coreFilterUsesTheCpuAllocationRatio() {
        // 2 physical CPUs * 16 = 32 vCPUs, 30 used
        HostState host = HostState.of("a", 2, 65536, 100).withUsed(new Resources(30, 0, 0));
        assertTrue(ResourceFilter.core().passes(host, RequestSpec.of(RequestedFlavor.of("f", 2, 512, 1), "i")));
        assertFalse(ResourceFilter.core().passes(host, RequestSpec.of(RequestedFlavor.of("f", 3, 512, 1), "i")));
    }

    @Test
    void resourceFiltersNeverGiveOneInstanceMoreThanThePhysicalTotal() {
        // placement's max_unit: 16 free vCPUs by ratio, but only 2 physical ones for a single instance
        HostState host = HostState.of("a", 2, 65536, 100).withUsed(new Resources(16, 0, 0));
        assertTrue(ResourceFilter.core().passes(host, RequestSpec.of(RequestedFlavor.of("f", 2, 512, 1), "i")));
        assertFalse(ResourceFilter.core().passes(host, RequestSpec.of(RequestedFlavor.of("f", 4, 512, 1), "i")));
    }

    @Test
    void diskFilterCountsRootEphemeralAndSwap() {
        HostState host = HostState.of("a", 8, 16384, 30);
        RequestedFlavor flavor = new RequestedFlavor("f", 1, 512, 20, 9, 1025, Map.of());
        assertEquals(31, flavor.resources().diskGib());
        assertFalse(ResourceFilter.disk().passes(host, RequestSpec.of(flavor, "i")));
        RequestedFlavor fits = new RequestedFlavor("f", 1, 512, 20, 9, 1024, Map.of());
        assertTrue(ResourceFilter.disk().passes(host, RequestSpec.of(fits, "i")));
    }

    @Test
    void resourceFilterExplainsWhatIsNeededAndTheMostFree() {
        RequestSpec big = RequestSpec.of(RequestedFlavor.of("big", 2, 16384, 10), "i");
        List<HostState> rejected = List.of(HostState.of("a", 8, 4096, 100),
                HostState.of("b", 8, 2048, 100).withUsed(new Resources(0, 1024, 0)));
        assertEquals("2 hosts lack memory: the flavor needs 16384 MiB, the most free is 4096 MiB",
                ResourceFilter.ram().explainRejections(rejected, big));
        assertEquals("RamFilter", ResourceFilter.ram().name());
        assertEquals("CoreFilter", ResourceFilter.core().name());
        assertEquals("DiskFilter", ResourceFilter.disk().name());
    }

    @Test
    void affinityFilterKeepsHostsOfTheGroupsMembers() {
        ServerGroupAffinityFilter filter = new ServerGroupAffinityFilter();
        ServerGroup empty = ServerGroup.of("g", ServerGroupPolicy.AFFINITY, Set.of(), Set.of());
        ServerGroup onA = ServerGroup.of("g", ServerGroupPolicy.AFFINITY, Set.of("x"), Set.of("a"));
        assertTrue(filter.passes(host("b"), ONE_SMALL.withServerGroup(empty)));
        assertTrue(filter.passes(host("a"), ONE_SMALL.withServerGroup(onA)));
        assertFalse(filter.passes(host("b"), ONE_SMALL.withServerGroup(onA)));
        ServerGroup soft = ServerGroup.of("g", ServerGroupPolicy.SOFT_AFFINITY, Set.of("x"), Set.of("a"));
        assertTrue(filter.passes(host("b"), ONE_SMALL.withServerGroup(soft)));
    }

    @Test
    void antiAffinityFilterRejectsHostsRunningAMember() {
        ServerGroupAntiAffinityFilter filter = new ServerGroupAntiAffinityFilter();
        HostState withMember = new HostState("a", null, null, new Resources(8, 16384, 200), null, null,
                Set.of("x", "other"), Map.of(), null, 2, null);
        ServerGroup group = ServerGroup.of("g", ServerGroupPolicy.ANTI_AFFINITY, Set.of("x"), Set.of("a"));
        assertFalse(filter.passes(withMember, ONE_SMALL.withServerGroup(group)));
        assertTrue(filter.passes(host("b"), ONE_SMALL.withServerGroup(group)));
        ServerGroup twoPerHost = new ServerGroup("g", ServerGroupPolicy.ANTI_AFFINITY, Set.of("x"), Set.of("a"), 2);
        assertTrue(filter.passes(withMember, ONE_SMALL.withServerGroup(twoPerHost)));
        ServerGroup soft = ServerGroup.of("g", ServerGroupPolicy.SOFT_ANTI_AFFINITY, Set.of("x"), Set.of("a"));
        assertTrue(filter.passes(withMember, ONE_SMALL.withServerGroup(soft)));
    }

    @Test
    void antiAffinityFilterAlsoCountsMembersByTheHostsGroupRecords() {
        HostState withMember = new HostState("a", null, null, new Resources(8, 16384, 200), null, null,
                Set.of("y"), Map.of("y", "g"), null, 1, null);
        ServerGroup group = ServerGroup.of("g", ServerGroupPolicy.ANTI_AFFINITY, Set.of(), Set.of());
        assertFalse(new ServerGroupAntiAffinityFilter().passes(withMember, ONE_SMALL.withServerGroup(group)));
    }

    @Test
    void imagePropertiesFilterMatchesArchitectureHypervisorTypeAndMode() {
        ImagePropertiesFilter filter = new ImagePropertiesFilter();
        HostState x86 = host("a");
        HostState arm = host("b").withCapabilities(HypervisorCapabilities.qemu("aarch64"));
        RequestSpec armImage = ONE_SMALL.withImageProperties(Map.of("hw_architecture", "aarch64"));
        assertTrue(filter.passes(x86, ONE_SMALL));
        assertFalse(filter.passes(x86, armImage));
        assertTrue(filter.passes(arm, armImage));
        assertTrue(filter.passes(x86, ONE_SMALL.withImageProperties(Map.of("architecture", "amd64"))));
        assertTrue(filter.passes(x86, ONE_SMALL.withImageProperties(Map.of("img_hv_type", "QEMU", "hw_vm_mode", "hvm"))));
        assertFalse(filter.passes(x86, ONE_SMALL.withImageProperties(Map.of("hypervisor_type", "xen"))));
        assertFalse(filter.passes(x86.withCapabilities(new HypervisorCapabilities(List.of(), 0, Set.of(), Map.of())),
                armImage));
        assertEquals("1 host does not support the image's hw_architecture=aarch64",
                filter.explainRejections(List.of(x86), armImage));
    }

    @Test
    void imagePropertiesFilterChecksTheHypervisorVersion() {
        ImagePropertiesFilter filter = new ImagePropertiesFilter();
        HostState qemu7 = host("a").withCapabilities(HypervisorCapabilities.qemu("x86_64").withHypervisorVersion(7002022));
        assertTrue(filter.passes(qemu7, ONE_SMALL.withImageProperties(Map.of("img_hv_requested_version", ">=6.0"))));
        assertFalse(filter.passes(qemu7, ONE_SMALL.withImageProperties(Map.of("img_hv_requested_version", ">=8.0"))));
        assertTrue(filter.passes(host("unknown-version"),
                ONE_SMALL.withImageProperties(Map.of("img_hv_requested_version", ">=8.0"))));
    }

    @Test
    void aggregateExtraSpecsFilterMatchesUnscopedAndScopedSpecs() {
        AggregateInstanceExtraSpecsFilter filter = new AggregateInstanceExtraSpecsFilter();
        HostState ssd = host("a").withAggregateMetadata(Map.of("ssd", Set.of("true"), "cpus", Set.of("24")));
        RequestSpec wantsSsd = RequestSpec.of(SMALL.withExtraSpecs(Map.of("ssd", "true")), "i");
        RequestSpec scoped = RequestSpec.of(SMALL.withExtraSpecs(
                Map.of("aggregate_instance_extra_specs:cpus", ">= 16", "hw:cpu_policy", "dedicated")), "i");
        assertTrue(filter.passes(ssd, wantsSsd));
        assertFalse(filter.passes(host("b"), wantsSsd));
        assertTrue(filter.passes(ssd, scoped));
        assertTrue(filter.passes(host("b"), ONE_SMALL));
        assertTrue(filter.passes(host("b"), RequestSpec.of(SMALL.withExtraSpecs(Map.of("hw:cpu_policy", "x")), "i")));
        assertEquals("1 host is in no aggregate matching the flavor's extra specs ssd=true",
                filter.explainRejections(List.of(host("b")), wantsSsd));
    }

    @Test
    void requiredTraitsFilterHonoursRequiredAndForbiddenTraits() {
        RequiredTraitsFilter filter = new RequiredTraitsFilter();
        HostState avx = host("a").withCapabilities(HypervisorCapabilities.qemu("x86_64").withTraits(Set.of("HW_CPU_X86_AVX2")));
        RequestSpec needsAvx = RequestSpec.of(SMALL.withExtraSpecs(Map.of("trait:HW_CPU_X86_AVX2", "required")), "i");
        RequestSpec forbidsAvx = ONE_SMALL.withImageProperties(Map.of("trait:HW_CPU_X86_AVX2", "forbidden"));
        assertTrue(filter.passes(avx, needsAvx));
        assertFalse(filter.passes(host("b"), needsAvx));
        assertFalse(filter.passes(avx, forbidsAvx));
        assertTrue(filter.passes(host("b"), forbidsAvx));
        assertEquals("1 host lacks one of the required traits HW_CPU_X86_AVX2",
                filter.explainRejections(List.of(host("b")), needsAvx));
    }
}
