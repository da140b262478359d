package io.strato.compute.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostWeighingTest {
    private static final RequestSpec REQUEST = RequestSpec.of(RequestedFlavor.of("f", 1, 512, 1), "i");

    private static List<String> order(List<WeighedHost> weighed) {
        return weighed.stream().map(host -> host.host().hostName()).toList();
    }

    @Test
    void normalisationMapsMinimumToZeroAndMaximumToOne() {
        assertArrayEquals(new double[] {0.0, 0.5, 1.0}, HostWeighing.normalise(new double[] {10, 20, 30}));
        assertArrayEquals(new double[] {0.0, 0.0}, HostWeighing.normalise(new double[] {7, 7}));
        assertArrayEquals(new double[] {1.0, 0.0}, HostWeighing.normalise(new double[] {-1, -3}));
        assertArrayEquals(new double[0], HostWeighing.normalise(new double[0]));
    }

    @Test
    void ramWeigherSpreadsByDefaultAndStacksWithANegativeMultiplier() {
        List<HostState> hosts = List.of(HostState.of("small", 8, 4096, 100), HostState.of("big", 8, 16384, 100),
                HostState.of("medium", 8, 8192, 100));
        assertEquals(List.of("big", "medium", "small"),
                order(new HostWeighing(List.of(new RamWeigher(1.0))).weigh(hosts, REQUEST)));
        assertEquals(List.of("small", "medium", "big"),
                order(new HostWeighing(List.of(new RamWeigher(-1.0))).weigh(hosts, REQUEST)));
    }

    @Test
    void weightsAreMultiplierTimesNormalisedValueSummedOverWeighers() {
        // RAM free: 1000, 3000, 2000 -> 0, 1, 0.5 ; CPU free (ratio 16): 16, 32, 64 -> 0, 1/3, 1
        List<HostState> hosts = List.of(HostState.of("a", 1, 1000, 100), HostState.of("b", 2, 3000, 100),
                HostState.of("c", 4, 2000, 100));
        List<WeighedHost> weighed = new HostWeighing(List.of(new RamWeigher(1.0), new CpuWeigher(2.0)))
                .weigh(hosts, REQUEST);
        assertEquals(List.of("c", "b", "a"), order(weighed));
        assertEquals(0.5 + 2.0, weighed.get(0).weight(), 1e-9);
        assertEquals(1.0 + 2.0 / 3, weighed.get(1).weight(), 1e-9);
        assertEquals(0.0, weighed.get(2).weight(), 1e-9);
    }

    @Test
    void largeRawValuesDoNotDrownOtherWeighers() {
        // RAM differs by 1 MiB, disk by 1000 GiB: after normalisation both count the same
        List<HostState> hosts = List.of(HostState.of("more-ram", 8, 8193, 10), HostState.of("more-disk", 8, 8192, 1010));
        List<WeighedHost> weighed = new HostWeighing(List.of(new RamWeigher(1.5), new DiskWeigher(1.0)))
                .weigh(hosts, REQUEST);
        assertEquals("more-ram", weighed.getFirst().host().hostName());
    }

    @Test
    void equalWeightsKeepTheCandidatesOrder() {
        List<HostState> hosts = List.of(HostState.of("x", 8, 8192, 100), HostState.of("y", 8, 8192, 100),
                HostState.of("z", 8, 8192, 100));
        assertEquals(List.of("x", "y", "z"),
                order(new HostWeighing(SchedulerConfiguration.NOVA_DEFAULTS.weighers()).weigh(hosts, REQUEST)));
    }

    @Test
    void cpuAndDiskWeighersPreferMoreFree() {
        List<HostState> hosts = List.of(HostState.of("a", 2, 8192, 100).withUsed(new Resources(20, 0, 90)),
                HostState.of("b", 2, 8192, 100).withUsed(new Resources(10, 0, 95)));
        assertEquals(List.of("b", "a"), order(new HostWeighing(List.of(new CpuWeigher(1.0))).weigh(hosts, REQUEST)));
        assertEquals(List.of("a", "b"), order(new HostWeighing(List.of(new DiskWeigher(1.0))).weigh(hosts, REQUEST)));
    }

    @Test
    void softAffinityWeighersCountGroupMembersOnTheHost() {
        HostState twoMembers = new HostState("two", null, null, new Resources(8, 8192, 100), null, null,
                Set.of("m1", "m2"), null, null, 2, null);
        HostState oneMember = new HostState("one", null, null, new Resources(8, 8192, 100), null, null,
                Set.of("m3"), null, null, 1, null);
        HostState none = HostState.of("none", 8, 8192, 100);
        List<HostState> hosts = List.of(none, oneMember, twoMembers);
        ServerGroup soft = ServerGroup.of("g", ServerGroupPolicy.SOFT_AFFINITY, Set.of("m1", "m2", "m3"), null);
        ServerGroup softAnti = ServerGroup.of("g", ServerGroupPolicy.SOFT_ANTI_AFFINITY, Set.of("m1", "m2", "m3"), null);
        HostWeighing weighing = new HostWeighing(List.of(new ServerGroupSoftAffinityWeigher(1.0),
                new ServerGroupSoftAntiAffinityWeigher(1.0)));
        assertEquals(List.of("two", "one", "none"), order(weighing.weigh(hosts, REQUEST.withServerGroup(soft))));
        assertEquals(List.of("none", "one", "two"), order(weighing.weigh(hosts, REQUEST.withServerGroup(softAnti))));
        assertEquals(List.of("none", "one", "two"), order(weighing.weigh(hosts, REQUEST)));
    }

    @Test
    void bestGivesTheSamePrefixAsAFullSortIncludingTies() {
        List<HostState> hosts = List.of(HostState.of("a", 8, 4096, 100), HostState.of("b", 8, 8192, 100),
                HostState.of("c", 8, 4096, 100), HostState.of("d", 8, 8192, 100), HostState.of("e", 8, 2048, 100));
        HostWeighing weighing = new HostWeighing(List.of(new RamWeigher(1.0)));
        List<WeighedHost> sorted = weighing.weigh(hosts, REQUEST);
        assertEquals(List.of("b", "d", "a", "c", "e"), order(sorted));
        assertEquals(sorted.subList(0, 3), weighing.best(hosts, REQUEST, 3));
        assertEquals(sorted, weighing.best(hosts, REQUEST, 10));
    }
}
