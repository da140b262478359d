package io.strato.compute.scheduler;

import java.util.List;
import java.util.stream.Collectors;

/** The scheduler's answer: a host for every instance, or why there is none. */
public sealed interface Selection permits Selection.HostsSelected, Selection.NoValidHost {
    /** Every instance of the request has a host; placements are in the request's instance order. */
    record HostsSelected(List<Placement> placements) implements Selection {
        public HostsSelected {
            placements = List.copyOf(placements);
        }

        /** The chosen hosts, in instance order. */
        public List<String> hosts() {
            return placements.stream().map(Placement::host).toList();
        }
    }

    /**
     * Some instance found no host (then none of the request's instances is placed, as in Nova).
     *
     * @param instanceId the first instance without a host
     * @param instanceNumber its position, from 1
     * @param instanceCount how many instances the request asked for
     * @param filterSteps what each filter did for that instance, in order, up to the one that left none
     */
    record NoValidHost(String instanceId, int instanceNumber, int instanceCount, List<FilterStep> filterSteps)
            implements Selection {
        public NoValidHost {
            filterSteps = List.copyOf(filterSteps);
        }

        /**
         * Nova's fault message plus the filter results, e.g. {@code No valid host was found. There are not
         * enough hosts available. Filter results: ComputeFilter (start: 3, end: 3), RamFilter (start: 3, end: 0:
         * 3 hosts lack memory: the flavor needs 16384 MiB, the most free is 6144 MiB)}.
         */
        public String message() {
            StringBuilder message = new StringBuilder("No valid host was found. ");
            if (filterSteps.isEmpty()) {
                return message.append("There are no compute hosts.").toString();
            }
            message.append("There are not enough hosts available");
            if (instanceCount > 1) {
                message.append(" for instance ").append(instanceNumber).append(" of ").append(instanceCount);
            }
            return message.append(". Filter results: ")
                    .append(filterSteps.stream().map(FilterStep::toString).collect(Collectors.joining(", ")))
                    .toString();
        }
    }
}
