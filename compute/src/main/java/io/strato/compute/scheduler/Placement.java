package io.strato.compute.scheduler;

import java.util.List;

/**
 * Where one instance goes: the chosen host and, best first, alternates a build may retry on
 * (Nova's {@code Selection} with its alternate hosts).
 *
 * @param instanceId the instance
 * @param host the chosen host
 * @param alternateHosts other hosts that passed the filters for this instance, best first
 * @param weight the chosen host's total weight ({@code NaN} when a claim fell back to an alternate)
 */
public record Placement(String instanceId, String host, List<String> alternateHosts, double weight) {
    public Placement {
        alternateHosts = List.copyOf(alternateHosts);
    }
}
