package io.strato.network.dataplane;

import java.util.regex.Pattern;

/** Validation of the names the kernel accepts for devices and namespaces. */
public final class Names {
    /** Linux limits interface names to 15 bytes (IFNAMSIZ - 1). */
    public static final int MAXIMUM_DEVICE_NAME_LENGTH = 15;
    private static final Pattern DEVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}");
    private static final Pattern NAMESPACE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private Names() {
    }

    public static String device(String name) {
        if (name == null || !DEVICE_NAME.matcher(name).matches()) {
            throw DataplaneException.invalid("device name '" + name + "' is not valid: use 1 to "
                    + MAXIMUM_DEVICE_NAME_LENGTH + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    public static String namespace(String name) {
        if (name == null || !NAMESPACE_NAME.matcher(name).matches()) {
            throw DataplaneException.invalid("namespace name '" + name + "' is not valid: use 1 to 64 letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }
}
