package io.strato.platform.policy;

/**
 * Thrown by {@link PolicyEngine#enforce} when the policy for an action does not pass. The message
 * is Keystone's 403 text. Denials are routine, so no stack trace is captured.
 */
public final class PolicyDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String action;

    public PolicyDeniedException(String action) {
        super("You are not authorized to perform the requested action: " + action + ".", null, false, false);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
