package io.strato.compute.api;

import java.util.Map;

/**
 * What a project uses of the quota-limited resources that live outside the API records (instances,
 * cores, ram, server_groups, ...), by quota resource name. Until servers exist every count is zero.
 */
@FunctionalInterface
public interface ComputeUsage {
    ComputeUsage NONE = projectId -> Map.of();

    Map<String, Integer> usage(String projectId);
}
