package io.strato.network.dataplane;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the host's kernel supports. Flat and local networks always work; VLAN and VXLAN need kernel modules, and
 * each unsupported type carries the reason the probe found (the tool's error).
 *
 * @param unsupported why each unsupported segmentation type is missing
 * @param bridgeVlanFiltering whether bridges can filter by VLAN (one bridge for many VLANs)
 * @param bridgeVlanFilteringProblem why not, when it cannot
 */
public record Capabilities(Map<SegmentationType, String> unsupported, boolean bridgeVlanFiltering,
        Optional<String> bridgeVlanFilteringProblem) {

    public Capabilities {
        unsupported = Map.copyOf(unsupported);
        Objects.requireNonNull(bridgeVlanFilteringProblem);
        if (unsupported.containsKey(SegmentationType.FLAT) || unsupported.containsKey(SegmentationType.LOCAL)) {
            throw new IllegalArgumentException("flat and local networks are always supported");
        }
    }

    /** A host that supports everything (what a fake reports unless told otherwise). */
    public static Capabilities everything() {
        return new Capabilities(Map.of(), true, Optional.empty());
    }

    public boolean supports(SegmentationType type) {
        return !unsupported.containsKey(type);
    }

    public Set<SegmentationType> supported() {
        Set<SegmentationType> result = EnumSet.allOf(SegmentationType.class);
        result.removeAll(unsupported.keySet());
        return result;
    }

    /** Throws {@link UnsupportedSegmentationException} saying what is missing when the host cannot carry the type. */
    public void require(SegmentationType type) {
        String problem = unsupported.get(type);
        if (problem != null) {
            throw new UnsupportedSegmentationException(type, problem, supported());
        }
    }

    /** One line per capability, for logs and the agent's report. */
    public String describe() {
        Map<SegmentationType, String> lines = new EnumMap<>(SegmentationType.class);
        for (SegmentationType type : SegmentationType.values()) {
            lines.put(type, supports(type) ? "supported" : "unsupported (" + unsupported.get(type) + ")");
        }
        return lines.entrySet().stream().map(entry -> entry.getKey().networkType() + ": " + entry.getValue())
                .collect(Collectors.joining("; "))
                + "; bridge vlan filtering: " + (bridgeVlanFiltering ? "supported"
                        : "unsupported (" + bridgeVlanFilteringProblem.orElse("unknown") + ")");
    }
}
