package io.strato.compute.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Nova's filter scheduler: for each instance of a request, drops ignored hosts, narrows to a forced host,
 * runs the filters, weighs the survivors and takes the best, then consumes that host's resources (and
 * records the new server group member) in its working copy so the request's next instance sees them.
 * Pure: no I/O, no shared state; claiming the chosen hosts is the caller's job ({@link Claims}).
 */
public final class Scheduler {
    private final List<HostFilter> filters;
    private final HostWeighing weighing;
    private final int maxAttempts;

    public Scheduler(List<HostFilter> filters, List<HostWeigher> weighers, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        this.filters = List.copyOf(filters);
        this.weighing = new HostWeighing(weighers);
        this.maxAttempts = maxAttempts;
    }

    /** A scheduler with the standard filters and weighers of a configuration. */
    public Scheduler(SchedulerConfiguration configuration) {
        this(configuration.filters(), configuration.weighers(), configuration.maxAttempts());
    }

    public List<HostFilter> filters() {
        return filters;
    }

    /** Hosts for every instance of the request, or why there are none. The given host states are not changed. */
    public Selection select(RequestSpec request, List<HostState> hosts) {
        List<HostState> working = new ArrayList<>(hosts);
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < working.size(); i++) {
            if (positions.putIfAbsent(working.get(i).hostName(), i) != null) {
                throw new IllegalArgumentException("host " + working.get(i).hostName() + " is listed twice");
            }
        }
        Resources perInstance = request.flavor().resources();
        ServerGroup group = request.serverGroup();
        List<Placement> placements = new ArrayList<>();
        for (int index = 0; index < request.instanceCount(); index++) {
            String instanceId = request.instanceIds().get(index);
            RequestSpec current = group == request.serverGroup() ? request : request.withServerGroup(group);
            List<FilterStep> steps = new ArrayList<>();
            List<HostState> candidates = filter(current, working, steps);
            if (candidates.isEmpty()) {
                return new Selection.NoValidHost(instanceId, index + 1, request.instanceCount(), steps);
            }
            List<WeighedHost> weighed = weighing.best(candidates, current, maxAttempts);
            WeighedHost best = weighed.getFirst();
            List<String> alternates = weighed.stream().skip(1)
                    .map(weighedHost -> weighedHost.host().hostName()).toList();
            String hostName = best.host().hostName();
            placements.add(new Placement(instanceId, hostName, alternates, best.weight()));
            working.set(positions.get(hostName),
                    best.host().withInstanceAdded(instanceId, group == null ? null : group.id(), perInstance));
            if (group != null) {
                group = group.withMember(instanceId, hostName);
            }
        }
        return new Selection.HostsSelected(placements);
    }

    /**
     * {@link #select} and then claim each instance's host in the ledger, falling back to its alternates in
     * order when another build took the room first (as Nova's scheduler claims in placement). Either every
     * instance ends up with a claim, and the placements name the claimed hosts, or no claim of this request
     * is kept and the result is a {@link Selection.NoValidHost} whose last step, {@code Claims}, says why
     * each host refused.
     */
    public Selection selectAndClaim(RequestSpec request, List<HostState> hosts, Claims claims) {
        Selection selection = select(request, hosts);
        if (!(selection instanceof Selection.HostsSelected selected)) {
            return selection;
        }
        Resources perInstance = request.flavor().resources();
        List<Placement> claimed = new ArrayList<>();
        for (int index = 0; index < selected.placements().size(); index++) {
            Placement placement = selected.placements().get(index);
            List<String> candidates = new ArrayList<>();
            candidates.add(placement.host());
            candidates.addAll(placement.alternateHosts());
            List<String> refusals = new ArrayList<>();
            for (int attempt = 0; attempt < candidates.size() && claimed.size() == index; attempt++) {
                ClaimResult result = claims.claim(candidates.get(attempt), placement.instanceId(), perInstance);
                switch (result) {
                    case ClaimResult.Claimed ignored -> claimed.add(new Placement(placement.instanceId(),
                            candidates.get(attempt), candidates.subList(attempt + 1, candidates.size()),
                            attempt == 0 ? placement.weight() : Double.NaN));
                    case ClaimResult.Rejected rejected -> refusals.add(rejected.reason());
                }
            }
            if (claimed.size() == index) {
                claimed.forEach(done -> claims.release(done.instanceId()));
                return new Selection.NoValidHost(placement.instanceId(), index + 1, request.instanceCount(),
                        List.of(new FilterStep("Claims", candidates.size(), 0, String.join("; ", refusals))));
            }
        }
        return new Selection.HostsSelected(claimed);
    }

    private List<HostState> filter(RequestSpec request, List<HostState> hosts, List<FilterStep> steps) {
        List<HostState> candidates = hosts;
        if (hosts.isEmpty()) {
            return candidates;
        }
        if (!request.ignoreHosts().isEmpty()) {
            List<HostState> kept = candidates.stream()
                    .filter(host -> !request.ignoreHosts().contains(host.hostName())).toList();
            int ignored = candidates.size() - kept.size();
            steps.add(new FilterStep("IgnoreHosts", candidates.size(), kept.size(), ignored == 0 ? ""
                    : HostFilter.hostCount(ignored) + " ignored (earlier attempts failed there)"));
            candidates = kept;
        }
        boolean forced = request.forcedHost() != null;
        if (forced && !candidates.isEmpty()) {
            List<HostState> kept = candidates.stream()
                    .filter(host -> host.hostName().equals(request.forcedHost())).toList();
            steps.add(new FilterStep("ForcedHost", candidates.size(), kept.size(),
                    kept.isEmpty() ? "the forced host " + request.forcedHost() + " is not among them"
                            : kept.size() == candidates.size() ? ""
                            : HostFilter.hostCount(candidates.size() - kept.size()) + " other than the forced host "
                            + request.forcedHost()));
            candidates = kept;
        }
        for (HostFilter filter : filters) {
            if (candidates.isEmpty()) {
                break;
            }
            if (forced && !filter.appliesToForcedHost()) {
                continue;
            }
            List<HostState> passed = new ArrayList<>(candidates.size());
            List<HostState> rejected = new ArrayList<>();
            for (HostState host : candidates) {
                (filter.passes(host, request) ? passed : rejected).add(host);
            }
            steps.add(new FilterStep(filter.name(), candidates.size(), passed.size(),
                    rejected.isEmpty() ? "" : filter.explainRejections(rejected, request)));
            candidates = passed;
        }
        return candidates;
    }
}
