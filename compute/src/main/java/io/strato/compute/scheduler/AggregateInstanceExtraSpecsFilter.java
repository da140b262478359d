package io.strato.compute.scheduler;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Passes hosts whose aggregates' metadata satisfies the flavor's extra specs that are unscoped
 * ({@code ssd=true}) or scoped {@code aggregate_instance_extra_specs:ssd=true}: the host must be in an
 * aggregate with that key, and one of the key's values must match the requirement (see
 * {@link ExtraSpecMatcher}). Specs with another scope ({@code hw:}, {@code trait:}, ...) are ignored.
 */
public final class AggregateInstanceExtraSpecsFilter implements HostFilter {
    private static final String SCOPE = "aggregate_instance_extra_specs";

    @Override
    public boolean passes(HostState host, RequestSpec request) {
        if (request.flavor().extraSpecs().isEmpty()) {
            return true;
        }
        return relevantSpecs(request).entrySet().stream().allMatch(spec -> {
            Set<String> values = host.aggregateMetadata().get(spec.getKey());
            return values != null && values.stream().anyMatch(value -> ExtraSpecMatcher.matches(value, spec.getValue()));
        });
    }

    @Override
    public String explainRejections(List<HostState> rejected, RequestSpec request) {
        StringBuilder specs = new StringBuilder();
        relevantSpecs(request).forEach((key, value) -> specs.append(specs.isEmpty() ? "" : ", ")
                .append(key).append('=').append(value));
        return HostFilter.hostsThat(rejected.size(), "is", "are") + " in no aggregate matching the flavor's extra specs "
                + specs;
    }

    /** The specs this filter checks, keyed without the scope. */
    private static Map<String, String> relevantSpecs(RequestSpec request) {
        Map<String, String> relevant = new TreeMap<>();
        request.flavor().extraSpecs().forEach((key, value) -> {
            int colon = key.indexOf(':');
            if (colon < 0) {
                relevant.put(key, value);
            } else if (key.substring(0, colon).equals(SCOPE)) {
                relevant.put(key.substring(colon + 1), value);
            }
        });
        return relevant;
    }
}
