package io.strato.platform.policy;

import java.util.Collection;
import java.util.Map;

/** Looking values up in target and credential maps, and rendering them the way Python's str() does. */
final class Values {

    /** Returned by {@link #lookup} when a key is absent (a present key may map to {@code null}). */
    static final Object MISSING = new Object();

    private Values() {
    }

    /**
     * Finds {@code key} in {@code map}: first as a literal (flat) key, then by splitting at each
     * dot and descending into nested maps, so both {@code {"target.user.id": ..}} and
     * {@code {"target": {"user": {"id": ..}}}} work.
     */
    static Object lookup(Map<?, ?> map, String key) {
        if (map.containsKey(key)) {
            return map.get(key);
        }
        for (int dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
            if (map.get(key.substring(0, dot)) instanceof Map<?, ?> nested) {
                Object found = lookup(nested, key.substring(dot + 1));
                if (found != MISSING) {
                    return found;
                }
            }
        }
        return MISSING;
    }

    /**
     * Whether the credential found at dotted {@code path} below {@code node} renders as
     * {@code expected}. Lists met on the way (or at the end) match when any element matches.
     * A {@code null} path means {@code node} itself is the value; {@code null} values never match.
     */
    static boolean credentialMatches(Object node, String path, String expected) {
        if (node instanceof Collection<?> elements) {
            for (Object element : elements) {
                if (credentialMatches(element, path, expected)) {
                    return true;
                }
            }
            return false;
        }
        if (path == null) {
            return node != null && expected.equals(render(node));
        }
        if (!(node instanceof Map<?, ?> map)) {
            return false;
        }
        if (map.containsKey(path) && credentialMatches(map.get(path), null, expected)) {
            return true;
        }
        for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
            Object child = map.get(path.substring(0, dot));
            if (child != null && credentialMatches(child, path.substring(dot + 1), expected)) {
                return true;
            }
        }
        return false;
    }

    /** Python's str(): booleans are True/False, null is None. */
    static String render(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean bool) {
            return bool ? "True" : "False";
        }
        return value.toString();
    }
}
