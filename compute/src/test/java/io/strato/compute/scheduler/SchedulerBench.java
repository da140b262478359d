package io.strato.compute.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Prints how many placement decisions per second the scheduler makes over 1000 hosts, and the ratio
 * against a reference measured in the same run (one pass over all hosts per decision that checks the
 * service and resources and keeps the host with the most free RAM). Not a
 * test; run it with {@code java -cp ... io.strato.compute.scheduler.SchedulerBench [rounds]}.
 */
public final class SchedulerBench {
    private SchedulerBench() {
    }

    public static void main(String[] arguments) {
        int rounds = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 200;
        List<HostState> hosts = thousandHosts();
        Scheduler scheduler = new Scheduler(SchedulerConfiguration.NOVA_DEFAULTS);
        RequestedFlavor flavor = RequestedFlavor.of("m1.medium", 2, 4096, 40);
        List<String> ids = IntStream.rangeClosed(1, 10).mapToObj(i -> "instance-" + i).toList();
        RequestSpec spread = RequestSpec.of(flavor, "unused").withInstanceIds(ids);
        RequestSpec antiAffinity = spread.withServerGroup(
                ServerGroup.of("g", ServerGroupPolicy.ANTI_AFFINITY, Set.of(), Set.of()));

        for (int warmup = 0; warmup < 3; warmup++) {
            run(scheduler, hosts, spread, antiAffinity, rounds / 4 + 1);
            reference(hosts, flavor, rounds / 4 + 1);
        }
        long schedulerNanos = run(scheduler, hosts, spread, antiAffinity, rounds);
        long referenceNanos = reference(hosts, flavor, rounds);
        long decisions = 2L * rounds * ids.size();
        double perSecond = decisions / (schedulerNanos / 1e9);
        double referencePerSecond = decisions / (referenceNanos / 1e9);
        System.out.printf("scheduler: %d decisions over %d hosts in %.1f ms = %.0f decisions/s%n",
                decisions, hosts.size(), schedulerNanos / 1e6, perSecond);
        System.out.printf("reference single-pass best fit: %.0f decisions/s; scheduler/reference = %.3f%n",
                referencePerSecond, perSecond / referencePerSecond);
    }

    private static long run(Scheduler scheduler, List<HostState> hosts, RequestSpec spread, RequestSpec antiAffinity,
                            int rounds) {
        long start = System.nanoTime();
        int placed = 0;
        for (int round = 0; round < rounds; round++) {
            placed += placements(scheduler.select(spread, hosts));
            placed += placements(scheduler.select(antiAffinity, hosts));
        }
        long elapsed = System.nanoTime() - start;
        if (placed != 2 * rounds * spread.instanceCount()) {
            throw new IllegalStateException("expected every instance placed, got " + placed);
        }
        return elapsed;
    }

    private static int placements(Selection selection) {
        return switch (selection) {
            case Selection.HostsSelected selected -> selected.placements().size();
            case Selection.NoValidHost noValidHost -> throw new IllegalStateException(noValidHost.message());
        };
    }

    /** One pass over all hosts per decision, keeping the accepting host that fits with the most free RAM. */
    private static long reference(List<HostState> hosts, RequestedFlavor flavor, int rounds) {
        Resources needed = flavor.resources();
        long start = System.nanoTime();
        long found = 0;
        for (int round = 0; round < rounds; round++) {
            for (int decision = 0; decision < 20; decision++) {
                int best = -1;
                long bestFree = Long.MIN_VALUE;
                for (int i = 0; i < hosts.size(); i++) {
                    HostState host = hosts.get(i);
                    if (host.service().accepting() && host.fits(needed)) {
                        long free = host.total().memoryMib() - host.used().memoryMib();
                        if (free > bestFree) {
                            bestFree = free;
                            best = i;
                        }
                    }
                }
                found += best;
            }
        }
        if (found < 0) {
            throw new IllegalStateException("no host fits");
        }
        return System.nanoTime() - start;
    }

    /** 1000 hosts of varied size and load; every tenth disabled. */
    public static List<HostState> thousandHosts() {
        List<HostState> hosts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            HostState host = HostState.of(String.format("compute-%04d", i), 16 + i % 4 * 16, 65536L + i % 7 * 32768,
                    1000 + i % 5 * 500).withUsed(new Resources(i % 13, 1024L * (i % 17), 10L * (i % 11)))
                    .withAvailabilityZone(i % 2 == 0 ? "az1" : "az2");
            hosts.add(i % 10 == 0 ? host.withService(ServiceStatus.disabled("maintenance")) : host);
        }
        return hosts;
    }
}
