package io.strato.compute.scheduler;

import java.util.Arrays;

/** A server group's placement policy, by its API name. */
public enum ServerGroupPolicy {
    AFFINITY("affinity"),
    ANTI_AFFINITY("anti-affinity"),
    SOFT_AFFINITY("soft-affinity"),
    SOFT_ANTI_AFFINITY("soft-anti-affinity");

    private final String apiName;

    ServerGroupPolicy(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** The policy of an API name, e.g. {@code anti-affinity}. */
    public static ServerGroupPolicy fromApiName(String name) {
        return Arrays.stream(values()).filter(policy -> policy.apiName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown server group policy: " + name));
    }

    @Override
    public String toString() {
        return apiName;
    }
}
