package io.strato.compute.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    private static final RequestedFlavor SMALL = RequestedFlavor.of("m1.small", 1, 2048, 20);
    private final Scheduler scheduler = new Scheduler(SchedulerConfiguration.NOVA_DEFAULTS);

    private static List<String> instanceIds(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "instance-" + i).toList();
    }

    private static RequestSpec request(RequestedFlavor flavor, int count) {
        return RequestSpec.of(flavor, "unused").withInstanceIds(instanceIds(count));
    }

    private static List<HostState> equalHosts(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> HostState.of("host-" + i, 8, 16384, 200)).toList();
    }

    private static Selection.HostsSelected selected(Selection selection) {
        if (selection instanceof Selection.NoValidHost noValidHost) {
            throw new AssertionError(noValidHost.message());
        }
        return (Selection.HostsSelected) selection;
    }

    private static Selection.NoValidHost noValidHost(Selection selection) {
        return assertInstanceOf(Selection.NoValidHost.class, selection);
    }

    @Test
    void picksTheHostWithTheMostFreeResources() {
        List<HostState> hosts = List.of(HostState.of("small", 4, 4096, 100), HostState.of("big", 16, 65536, 1000),
                HostState.of("medium", 8, 16384, 500));
        Selection.HostsSelected selection = selected(scheduler.select(RequestSpec.of(SMALL, "i"), hosts));
        assertEquals(List.of("big"), selection.hosts());
        assertEquals("i", selection.placements().getFirst().instanceId());
    }

    @Test
    void multiInstanceRequestsSpreadAcrossEqualHostsByDefault() {
        Selection.HostsSelected selection = selected(scheduler.select(request(SMALL, 3), equalHosts(3)));
        assertEquals(List.of("host-1", "host-2", "host-3"), selection.hosts());
    }

    @Test
    void negativeMultipliersStackInstancesOnOneHost() {
        SchedulerConfiguration stacking = SchedulerConfiguration.NOVA_DEFAULTS.withRamWeightMultiplier(-1.0)
                .withCpuWeightMultiplier(-1.0).withDiskWeightMultiplier(-1.0);
        Selection.HostsSelected selection = selected(new Scheduler(stacking).select(request(SMALL, 3), equalHosts(3)));
        assertEquals(List.of("host-1", "host-1", "host-1"), selection.hosts());
    }

    @Test
    void stackingMovesOnWhenTheHostIsFull() {
        SchedulerConfiguration stacking = SchedulerConfiguration.NOVA_DEFAULTS.withRamWeightMultiplier(-1.0)
                .withCpuWeightMultiplier(0).withDiskWeightMultiplier(0);
        // 4096 MiB * 1.5 = 6144 MiB: three 2048 MiB instances per host
        List<HostState> hosts = List.of(HostState.of("a", 8, 4096, 200), HostState.of("b", 8, 4096, 200));
        Selection.HostsSelected selection = selected(new Scheduler(stacking).select(request(SMALL, 5), hosts));
        assertEquals(List.of("a", "a", "a", "b", "b"), selection.hosts());
    }

    @Test
    void affinityPutsAllInstancesOfARequestOnOneHost() {
        ServerGroup group = ServerGroup.of("g", ServerGroupPolicy.AFFINITY, Set.of(), Set.of());
        Selection.HostsSelected selection = selected(scheduler.select(request(SMALL, 3).withServerGroup(group),
                equalHosts(3)));
        assertEquals(List.of("host-1", "host-1", "host-1"), selection.hosts());
    }

    @Test
    void affinityFollowsExistingMembers() {
        ServerGroup group = ServerGroup.of("g", ServerGroupPolicy.AFFINITY, Set.of("old"), Set.of("host-3"));
        Selection.HostsSelected selection = selected(scheduler.select(request(SMALL, 2).withServerGroup(group),
                equalHosts(3)));
        assertEquals(List.of("host-3", "host-3"), selection.hosts());
    }

    @Test
    void antiAffinityPutsEachInstanceOnItsOwnHost() {
        ServerGroup group = ServerGroup.of("g", ServerGroupPolicy.ANTI_AFFINITY, Set.of(), Set.of());
        SchedulerConfiguration stacking = SchedulerConfiguration.NOVA_DEFAULTS.withRamWeightMultiplier(-1.0);
        Selection.HostsSelected selection = selected(new Scheduler(stacking)
                .select(request(SMALL, 3).withServerGroup(group), equalHosts(3)));
        assertEquals(Set.of("host-1", "host-2", "host-3"), new HashSet<>(selection.hosts()));
    }

    @Test
    void antiAffinityWithMoreInstancesThanHostsFindsNoValidHost() {
        ServerGroup group = ServerGroup.of("g", ServerGroupPolicy.ANTI_AFFINITY, Set.of(), Set.of());
        Selection.NoValidHost result = noValidHost(scheduler.select(request(SMALL, 4).withServerGroup(group),
                equalHosts(3)));
        assertEquals("instance-4", result.instanceId());
        assertEquals(4, result.instanceNumber());
        assertTrue(result.message().startsWith(
                "No valid host was found. There are not enough hosts available for instance 4 of 4. Filter results: "),
                result.message());
        assertTrue(result.message().endsWith("ServerGroupAntiAffinityFilter (start: 3, end: 0: "
                + "3 hosts already run a member of anti-affinity server group g)"), result.message());
    }

    @Test
    void softAntiAffinityOnlyWeighsSoMoreInstancesThanHostsStillFit() {
        ServerGroup group = ServerGroup.of("g", ServerGroupPolicy.SOFT_ANTI_AFFINITY, Set.of(), Set.of());
        SchedulerConfiguration onlyGroups = new SchedulerConfiguration(0, 0, 0, 1.0, 1.0, 3);
        Selection.HostsSelected selection = selected(new Scheduler(onlyGroups)
                .select(request(SMALL, 4).withServerGroup(group), equalHosts(3)));
        assertEquals(List.of("host-1", "host-2", "host-3", "host-1"), selection.hosts());
    }

    @Test
    void softAffinityOnlyWeighsAndGivesWayWhenTheHostIsFull() {
        ServerGroup group = ServerGroup.of("g", ServerGroupPolicy.SOFT_AFFINITY, Set.of(), Set.of());
        SchedulerConfiguration groupsFirst = new SchedulerConfiguration(1.0, 1.0, 1.0, 10.0, 1.0, 3);
        // each host takes three 2048 MiB instances (4096 * 1.5)
        List<HostState> hosts = List.of(HostState.of("a", 8, 4096, 200), HostState.of("b", 8, 4096, 200));
        Selection.HostsSelected selection = selected(new Scheduler(groupsFirst)
                .select(request(SMALL, 4).withServerGroup(group), hosts));
        assertEquals(List.of("a", "a", "a", "b"), selection.hosts());
    }

    @Test
    void noValidHostNamesEveryFilterWithCountsInOrder() {
        List<HostState> hosts = IntStream.rangeClosed(1, 3)
                .mapToObj(i -> HostState.of("host-" + i, 8, 8192, 200).withUsed(new Resources(0, 6144 + i * 1024L, 0)))
                .toList();
        // free: 12288 - 7168 = 5120, 4096, 3072 ... the most is host-1 with 5120
        RequestSpec big = RequestSpec.of(RequestedFlavor.of("m1.xlarge", 4, 16384, 20), "i");
        Selection.NoValidHost result = noValidHost(scheduler.select(big, hosts));
        assertEquals("No valid host was found. There are not enough hosts available. Filter results: "
                + "ComputeFilter (start: 3, end: 3), AvailabilityZoneFilter (start: 3, end: 3), "
                + "RamFilter (start: 3, end: 0: 3 hosts lack memory: the flavor needs 16384 MiB, the most free is "
                + "5120 MiB)", result.message());
        assertEquals(List.of("ComputeFilter", "AvailabilityZoneFilter", "RamFilter"),
                result.filterSteps().stream().map(FilterStep::filterName).toList());
    }

    @Test
    void noValidHostCountsHostsRemovedByEachFilter() {
        List<HostState> hosts = List.of(
                HostState.of("disabled", 8, 16384, 200).withService(ServiceStatus.disabled("maintenance")),
                HostState.of("other-zone", 8, 16384, 200).withAvailabilityZone("az2"),
                HostState.of("arm", 8, 16384, 200).withCapabilities(HypervisorCapabilities.qemu("aarch64")),
                HostState.of("tiny", 8, 1024, 200));
        RequestSpec spec = RequestSpec.of(SMALL, "i").withImageProperties(Map.of("hw_architecture", "x86_64"));
        Selection.NoValidHost result = noValidHost(scheduler.select(spec.withAvailabilityZone("nova"), hosts));
        assertEquals("No valid host was found. There are not enough hosts available. Filter results: "
                + "ComputeFilter (start: 4, end: 3: 1 host disabled (maintenance)), "
                + "AvailabilityZoneFilter (start: 3, end: 2: 1 host not in availability zone nova), "
                + "RamFilter (start: 2, end: 1: 1 host lacks memory: the flavor needs 2048 MiB, the most free is 1024 MiB), "
                + "CoreFilter (start: 1, end: 1), DiskFilter (start: 1, end: 1), RequiredTraitsFilter (start: 1, end: 1), "
                + "AggregateInstanceExtraSpecsFilter (start: 1, end: 1), "
                + "ImagePropertiesFilter (start: 1, end: 0: 1 host does not support the image's hw_architecture=x86_64)",
                result.message());
    }

    @Test
    void noHostsAtAll() {
        Selection.NoValidHost result = noValidHost(scheduler.select(RequestSpec.of(SMALL, "i"), List.of()));
        assertEquals("No valid host was found. There are no compute hosts.", result.message());
    }

    @Test
    void cpuOvercommitGoesExactlyToTheRatio() {
        // 4 physical CPUs * 16.0 = 64 one-vCPU instances, not 65
        List<HostState> host = List.of(HostState.of("a", 4, 1_000_000, 10_000));
        RequestedFlavor tiny = RequestedFlavor.of("tiny", 1, 64, 1);
        assertEquals(64, selected(scheduler.select(request(tiny, 64), host)).hosts().size());
        Selection.NoValidHost result = noValidHost(scheduler.select(request(tiny, 65), host));
        assertEquals(65, result.instanceNumber());
        assertEquals("CoreFilter (start: 1, end: 0: 1 host lacks vCPUs: the flavor needs 1 vCPUs, the most free is 0 vCPUs)",
                result.filterSteps().getLast().toString());
    }

    @Test
    void ramOvercommitGoesExactlyToTheRatio() {
        // 4096 MiB * 1.5 = 6144 MiB = twelve 512 MiB instances
        List<HostState> host = List.of(HostState.of("a", 64, 4096, 10_000));
        RequestedFlavor flavor = RequestedFlavor.of("f", 1, 512, 1);
        assertEquals(12, selected(scheduler.select(request(flavor, 12), host)).hosts().size());
        assertEquals(13, noValidHost(scheduler.select(request(flavor, 13), host)).instanceNumber());
        List<HostState> customRatio = List.of(host.getFirst().withAllocationRatios(new AllocationRatios(16, 2.0, 1.0)));
        assertEquals(16, selected(scheduler.select(request(flavor, 16), customRatio)).hosts().size());
        assertEquals(17, noValidHost(scheduler.select(request(flavor, 17), customRatio)).instanceNumber());
    }

    @Test
    void diskIsNotOvercommittedByDefault() {
        List<HostState> host = List.of(HostState.of("a", 64, 1_000_000, 100));
        RequestedFlavor flavor = RequestedFlavor.of("f", 1, 512, 25);
        assertEquals(4, selected(scheduler.select(request(flavor, 4), host)).hosts().size());
        assertEquals(5, noValidHost(scheduler.select(request(flavor, 5), host)).instanceNumber());
    }

    @Test
    void alternatesAreTheNextBestHostsUpToMaxAttemptsMinusOne() {
        List<HostState> hosts = IntStream.rangeClosed(1, 5)
                .mapToObj(i -> HostState.of("host-" + i, 8, 1024L * i, 200)).toList();
        Placement placement = selected(scheduler.select(RequestSpec.of(RequestedFlavor.of("f", 1, 512, 1), "i"), hosts))
                .placements().getFirst();
        assertEquals("host-5", placement.host());
        assertEquals(List.of("host-4", "host-3"), placement.alternateHosts());
        Placement single = selected(new Scheduler(new SchedulerConfiguration(1, 1, 1, 1, 1, 1))
                .select(RequestSpec.of(RequestedFlavor.of("f", 1, 512, 1), "i"), hosts)).placements().getFirst();
        assertEquals(List.of(), single.alternateHosts());
    }

    @Test
    void ignoredHostsAreNotUsed() {
        RequestSpec retry = RequestSpec.of(SMALL, "i").withIgnoreHosts(Set.of("host-1", "host-2"));
        Selection.HostsSelected selection = selected(scheduler.select(retry, equalHosts(3)));
        assertEquals(List.of("host-3"), selection.hosts());
        Selection.NoValidHost none = noValidHost(scheduler.select(
                retry.withIgnoreHosts(Set.of("host-1", "host-2", "host-3")), equalHosts(3)));
        assertEquals("IgnoreHosts (start: 3, end: 0: 3 hosts ignored (earlier attempts failed there))",
                none.filterSteps().getFirst().toString());
    }

    @Test
    void aForcedHostBypassesFiltersButNotResources() {
        List<HostState> hosts = new ArrayList<>(equalHosts(3));
        hosts.set(1, hosts.get(1).withService(ServiceStatus.disabled("maintenance")));
        RequestSpec forced = RequestSpec.of(SMALL, "i").withForcedHost("host-2");
        assertEquals(List.of("host-2"), selected(scheduler.select(forced, hosts)).hosts());
        RequestSpec tooBig = RequestSpec.of(RequestedFlavor.of("huge", 1, 1_000_000, 1), "i").withForcedHost("host-2");
        Selection.NoValidHost result = noValidHost(scheduler.select(tooBig, hosts));
        assertEquals(List.of("ForcedHost", "RamFilter"), result.filterSteps().stream().map(FilterStep::filterName).toList());
        Selection.NoValidHost unknown = noValidHost(scheduler.select(forced.withForcedHost("nowhere"), hosts));
        assertEquals("ForcedHost (start: 3, end: 0: the forced host nowhere is not among them)",
                unknown.filterSteps().getFirst().toString());
    }

    @Test
    void theCallersHostStatesAreNotChanged() {
        List<HostState> hosts = equalHosts(2);
        scheduler.select(request(SMALL, 4), hosts);
        assertEquals(Resources.NONE, hosts.getFirst().used());
    }

    @Test
    void aHostListedTwiceIsRejected() {
        List<HostState> hosts = List.of(HostState.of("a", 8, 8192, 100), HostState.of("a", 8, 8192, 100));
        assertThrows(IllegalArgumentException.class, () -> scheduler.select(RequestSpec.of(SMALL, "i"), hosts));
    }

    @Test
    void selectsAmongAThousandHosts() {
        List<HostState> hosts = SchedulerBench.thousandHosts();
        Selection.HostsSelected spread = selected(scheduler.select(request(SMALL, 200), hosts));
        assertEquals(200, spread.hosts().size());
        ServerGroup group = ServerGroup.of("g", ServerGroupPolicy.ANTI_AFFINITY, Set.of(), Set.of());
        Selection.HostsSelected apart = selected(scheduler.select(request(SMALL, 100).withServerGroup(group), hosts));
        assertEquals(100, new HashSet<>(apart.hosts()).size());
        assertTrue(apart.placements().stream().allMatch(placement -> placement.alternateHosts().size() == 2));
    }

    @Test
    void selectAndClaimClaimsEveryChosenHost() {
        Claims claims = new InMemoryClaims();
        List<HostState> hosts = equalHosts(3);
        hosts.forEach(host -> claims.updateInventory(HostInventory.of(host)));
        Selection.HostsSelected selection = selected(scheduler.selectAndClaim(request(SMALL, 3), hosts, claims));
        assertEquals(List.of("host-1", "host-2", "host-3"), selection.hosts());
        for (Placement placement : selection.placements()) {
            assertEquals(Optional.of(placement.host()), claims.hostOf(placement.instanceId()));
        }
        assertEquals(new Resources(1, 2048, 20), claims.usage("host-2").orElseThrow().claimed());
    }

    @Test
    void selectAndClaimFallsBackToAlternatesWhenAnotherBuildTookTheRoom() {
        Claims claims = new InMemoryClaims();
        List<HostState> hosts = List.of(HostState.of("a", 8, 8192, 200), HostState.of("b", 8, 4096, 200));
        hosts.forEach(host -> claims.updateInventory(HostInventory.of(host)));
        // a concurrent build filled host a after our host states were read
        assertTrue(claims.claim("a", "other", new Resources(1, 8192, 10)).succeeded());
        assertTrue(claims.claim("a", "another", new Resources(1, 4096, 10)).succeeded());
        Selection.HostsSelected selection = selected(scheduler.selectAndClaim(RequestSpec.of(SMALL, "i"), hosts, claims));
        assertEquals(List.of("b"), selection.hosts());
        assertEquals(List.of(), selection.placements().getFirst().alternateHosts());
    }

    @Test
    void selectAndClaimKeepsNoClaimWhenAnInstanceCannotBeClaimed() {
        Claims claims = new InMemoryClaims();
        List<HostState> hosts = List.of(HostState.of("a", 8, 4096, 200));
        hosts.forEach(host -> claims.updateInventory(HostInventory.of(host)));
        assertTrue(claims.claim("a", "other", new Resources(1, 4096, 1)).succeeded());
        Selection.NoValidHost result = noValidHost(scheduler.selectAndClaim(request(SMALL, 2), hosts, claims));
        assertEquals(2, result.instanceNumber());
        assertEquals("No valid host was found. There are not enough hosts available for instance 2 of 2. "
                + "Filter results: Claims (start: 1, end: 0: host a lacks memory: the claim needs 2048 MiB, "
                + "0 MiB can be claimed)", result.message());
        assertEquals(Optional.empty(), claims.hostOf("instance-1"));
        assertEquals(new Resources(1, 4096, 1), claims.usage("a").orElseThrow().claimed());
    }
}
