package io.strato.compute.scheduler;

import java.util.List;

/** Passes hosts in the requested availability zone; every host if none was requested. */
public final class AvailabilityZoneFilter implements HostFilter {
    @Override
    public boolean passes(HostState host, RequestSpec request) {
        return request.availabilityZone() == null || request.availabilityZone().equals(host.availabilityZone());
    }

    @Override
    public String explainRejections(List<HostState> rejected, RequestSpec request) {
        return HostFilter.hostCount(rejected.size()) + " not in availability zone " + request.availabilityZone();
    }
}
