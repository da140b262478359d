package io.strato.platform.bus;

/**
 * How notification event types match a subscription prefix: by whole dot-separated words, as an
 * AMQP topic binding {@code prefix.#} does. {@code identity} and {@code identity.} match
 * {@code identity}, {@code identity.user.created} but not {@code identityx.created}; the empty
 * prefix matches everything.
 */
final class EventTypes {
    private EventTypes() {
    }

    /** The prefix without trailing dots. */
    static String normalize(String prefix) {
        if (prefix == null) {
            return "";
        }
        String normalized = prefix;
        while (normalized.endsWith(".")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        return normalized;
    }

    static boolean matches(String prefix, String eventType) {
        String normalized = normalize(prefix);
        return normalized.isEmpty() || eventType.equals(normalized) || eventType.startsWith(normalized + ".");
    }
}
