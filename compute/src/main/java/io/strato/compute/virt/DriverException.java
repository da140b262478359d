package io.strato.compute.virt;

import java.util.Objects;

/**
 * A hypervisor operation failed. The message is meant for users (it ends up in the server's
 * fault), e.g. {@code qemu-system-x86_64 exited with status 1: ...} with QEMU's last words.
 */
public class DriverException extends RuntimeException {
    /** Why, so callers can map it (e.g. {@link Reason#INSTANCE_NOT_FOUND} to Nova's InstanceNotFound). */
    public enum Reason {
        INSTANCE_NOT_FOUND,
        INSTANCE_EXISTS,
        /** The operation does not fit the guest's power state (e.g. unpause a running guest). */
        INVALID_STATE,
        /** The spec cannot be honoured (e.g. a root disk smaller than the image). */
        INVALID_SPEC,
        /** The driver lacks the {@link DriverCapability}. */
        UNSUPPORTED,
        /** The hypervisor or a tool failed. */
        HYPERVISOR_FAILURE
    }

    private final Reason reason;

    public DriverException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason);
    }

    public DriverException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason);
    }

    public Reason reason() {
        return reason;
    }

    public static DriverException notFound(String instanceId) {
        return new DriverException(Reason.INSTANCE_NOT_FOUND, "instance " + instanceId + " does not exist on this host");
    }

    public static DriverException exists(String instanceId) {
        return new DriverException(Reason.INSTANCE_EXISTS, "instance " + instanceId + " already exists on this host");
    }

    public static DriverException invalidState(String instanceId, PowerState state, String operation) {
        return new DriverException(Reason.INVALID_STATE,
                "cannot " + operation + " instance " + instanceId + " while it is " + state);
    }

    public static DriverException unsupported(DriverCapability capability) {
        return new DriverException(Reason.UNSUPPORTED, "this hypervisor driver does not support " + capability);
    }
}
