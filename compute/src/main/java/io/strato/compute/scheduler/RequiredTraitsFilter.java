package io.strato.compute.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Passes hosts that have every trait the flavor's extra specs or the image's properties mark
 * {@code trait:NAME=required} and none marked {@code trait:NAME=forbidden}, as placement's
 * {@code required} query does.
 */
public final class RequiredTraitsFilter implements HostFilter {
    private static final String PREFIX = "trait:";

    @Override
    public boolean passes(HostState host, RequestSpec request) {
        if (request.flavor().extraSpecs().isEmpty() && request.imageProperties().isEmpty()) {
            return true;
        }
        for (String trait : traits(request, "required")) {
            if (!host.capabilities().traits().contains(trait)) {
                return false;
            }
        }
        for (String trait : traits(request, "forbidden")) {
            if (host.capabilities().traits().contains(trait)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String explainRejections(List<HostState> rejected, RequestSpec request) {
        boolean one = rejected.size() == 1;
        List<String> reasons = new ArrayList<>();
        TreeSet<String> required = traits(request, "required");
        TreeSet<String> forbidden = traits(request, "forbidden");
        if (!required.isEmpty()) {
            reasons.add((one ? "lacks" : "lack") + " one of the required traits " + String.join(", ", required));
        }
        if (!forbidden.isEmpty()) {
            reasons.add((one ? "has" : "have") + " one of the forbidden traits " + String.join(", ", forbidden));
        }
        return HostFilter.hostCount(rejected.size()) + " " + String.join(" or ", reasons);
    }

    private static TreeSet<String> traits(RequestSpec request, String kind) {
        TreeSet<String> traits = new TreeSet<>();
        collect(request.flavor().extraSpecs(), kind, traits);
        collect(request.imageProperties(), kind, traits);
        return traits;
    }

    private static void collect(Map<String, String> specs, String kind, TreeSet<String> traits) {
        specs.forEach((key, value) -> {
            if (key.startsWith(PREFIX) && kind.equals(value.trim())) {
                traits.add(key.substring(PREFIX.length()));
            }
        });
    }
}
