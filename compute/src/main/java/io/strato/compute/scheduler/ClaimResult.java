package io.strato.compute.scheduler;

/** The outcome of {@link Claims#claim}. */
public sealed interface ClaimResult permits ClaimResult.Claimed, ClaimResult.Rejected {
    /** The resources are the instance's until released. */
    record Claimed(String hostName, String instanceId, Resources resources) implements ClaimResult {
    }

    /**
     * Nothing was claimed.
     *
     * @param reason for users, e.g. {@code host compute-1 lacks memory: the claim needs 2048 MiB, 1024 MiB are free}
     */
    record Rejected(String hostName, String instanceId, String reason) implements ClaimResult {
    }

    default boolean succeeded() {
        return this instanceof Claimed;
    }
}
