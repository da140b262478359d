package io.strato.compute.scheduler;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** Passes hosts whose compute service is enabled and up (Nova's {@code ComputeFilter}). */
public final class ComputeFilter implements HostFilter {
    @Override
    public boolean passes(HostState host, RequestSpec request) {
        return host.service().accepting();
    }

    @Override
    public String explainRejections(List<HostState> rejected, RequestSpec request) {
        long disabled = rejected.stream().filter(host -> !host.service().enabled()).count();
        long down = rejected.stream().filter(host -> host.service().enabled() && !host.service().up()).count();
        StringBuilder explanation = new StringBuilder();
        if (disabled > 0) {
            explanation.append(HostFilter.hostCount((int) disabled)).append(" disabled");
            TreeSet<String> reasons = new TreeSet<>();
            rejected.stream().map(host -> host.service().disabledReason()).filter(Objects::nonNull)
                    .filter(reason -> !reason.isBlank()).forEach(reasons::add);
            if (!reasons.isEmpty()) {
                explanation.append(" (").append(String.join("; ", reasons)).append(')');
            }
        }
        if (down > 0) {
            if (!explanation.isEmpty()) {
                explanation.append(", ");
            }
            explanation.append(HostFilter.hostCount((int) down)).append(" with the compute service down");
        }
        return explanation.toString();
    }
}
