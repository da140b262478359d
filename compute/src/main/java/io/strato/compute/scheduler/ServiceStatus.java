package io.strato.compute.scheduler;

/**
 * The state of a host's compute service, as {@code os-services} shows it.
 *
 * @param enabled whether an operator allows new instances on the host
 * @param disabledReason why an operator disabled it, or {@code null}
 * @param up whether the service reported in recently (its heartbeat is current)
 */
public record ServiceStatus(boolean enabled, String disabledReason, boolean up) {
    public static ServiceStatus enabledAndUp() {
        return new ServiceStatus(true, null, true);
    }

    public static ServiceStatus disabled(String reason) {
        return new ServiceStatus(false, reason, true);
    }

    public static ServiceStatus down() {
        return new ServiceStatus(true, null, false);
    }

    /** Whether new instances may land here. */
    public boolean accepting() {
        return enabled && up;
    }
}
