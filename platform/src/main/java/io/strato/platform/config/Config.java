package io.strato.platform.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Strato's configuration: one properties file ({@code strato.conf} in the data dir) with
 * dotted keys such as {@code identity.token.expiration}, overridden by environment variables
 * ({@code STRATO_IDENTITY_TOKEN_EXPIRATION}), overridden by explicit values (command line).
 * Every key has a zero-config default at its point of use.
 */
public final class Config {
    private final Map<String, String> values;
    private final Map<String, String> environment;

    private Config(Map<String, String> values, Map<String, String> environment) {
        this.values = values;
        this.environment = environment;
    }

    public static Config of(Map<String, String> values) {
        return new Config(Map.copyOf(values), Map.of());
    }

    /** Reads the file if it exists, then applies environment overrides and the explicit values. */
    public static Config load(Path file, Map<String, String> environment, Map<String, String> explicit)
            throws IOException {
        Map<String, String> values = new HashMap<>();
        if (file != null && Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
            properties.forEach((k, v) -> values.put(k.toString().trim(), v.toString().trim()));
        }
        values.putAll(explicit);
        return new Config(values, Map.copyOf(environment));
    }

    /** A new config with these values on top. */
    public Config with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(values);
        merged.putAll(overrides);
        return new Config(merged, environment);
    }

    public Optional<String> get(String key) {
        String env = environment.get(environmentName(key));
        if (env != null) {
            return Optional.of(env);
        }
        return Optional.ofNullable(values.get(key));
    }

    public String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    public int getInt(String key, int defaultValue) {
        return get(key).map(v -> parse(key, v, Integer::parseInt)).orElse(defaultValue);
    }

    public long getLong(String key, long defaultValue) {
        return get(key).map(v -> parse(key, v, Long::parseLong)).orElse(defaultValue);
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        return get(key).map(v -> switch (v.toLowerCase()) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("configuration " + key + " must be true or false, not " + v);
        }).orElse(defaultValue);
    }

    /** Seconds, or a number with a unit suffix: 90s, 15m, 2h, 7d. */
    public Duration getDuration(String key, Duration defaultValue) {
        return get(key).map(v -> parseDuration(key, v)).orElse(defaultValue);
    }

    public static String environmentName(String key) {
        return "STRATO_" + key.toUpperCase().replace('.', '_').replace('-', '_');
    }

    private static Duration parseDuration(String key, String value) {
        String v = value.trim().toLowerCase();
        char unit = v.isEmpty() ? 's' : v.charAt(v.length() - 1);
        String number = Character.isDigit(unit) ? v : v.substring(0, v.length() - 1);
        long amount = parse(key, number, Long::parseLong);
        return switch (Character.isDigit(unit) ? 's' : unit) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("configuration " + key + " has an unknown unit: " + value);
        };
    }

    private static <T> T parse(String key, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration " + key + " must be a number, not " + value);
        }
    }
}
