package io.strato.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenStack API microversion such as {@code 2.1} or {@code 2.96}: parsing, ordering, and the
 * negotiation of a request's version from the {@code OpenStack-API-Version: <service> X.Y} header
 * (or a service's legacy header such as {@code X-OpenStack-Nova-API-Version}), as
 * microversion-parse and Nova do it.
 */
public record Microversion(int major, int minor) implements Comparable<Microversion> {
    public static final String HEADER = "OpenStack-API-Version";
    private static final Pattern FORMAT = Pattern.compile("^([1-9]\\d*)\\.([1-9]\\d*|0)$");

    public Microversion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("a microversion has non-negative parts: " + major + "." + minor);
        }
    }

    /** Parses {@code X.Y}; throws IllegalArgumentException for anything else. */
    public static Microversion parse(String text) {
        Matcher matcher = text == null ? null : FORMAT.matcher(text.strip());
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("not a microversion: " + text);
        }
        try {
            return new Microversion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a microversion: " + text, e);
        }
    }

    @Override
    public int compareTo(Microversion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    public boolean isAtLeast(Microversion other) {
        return compareTo(other) >= 0;
    }

    /** Whether this version is at least {@code X.Y}. */
    public boolean isAtLeast(String version) {
        return isAtLeast(parse(version));
    }

    /** Whether this version is at most {@code X.Y}. */
    public boolean isAtMost(String version) {
        return compareTo(parse(version)) <= 0;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }

    /**
     * The versions a service supports and the headers it reads and writes: {@code serviceType} is
     * the name in {@code OpenStack-API-Version} ({@code compute}); {@code legacyHeader} may be null.
     */
    public record Range(String serviceType, String legacyHeader, Microversion minimum, Microversion maximum) {
        public Range {
            if (minimum.compareTo(maximum) > 0) {
                throw new IllegalArgumentException("minimum " + minimum + " is above maximum " + maximum);
            }
        }

        public boolean contains(Microversion version) {
            return version.compareTo(minimum) >= 0 && version.compareTo(maximum) <= 0;
        }

        /**
         * The version a request asks for: the {@code OpenStack-API-Version} entry for this service,
         * else the legacy header, else the minimum; {@code latest} means the maximum. A malformed
         * version is a 400, one outside the range a 406 with Nova's message.
         */
        public Microversion negotiate(Request request) {
            Optional<String> requested = requested(request);
            if (requested.isEmpty()) {
                return minimum;
            }
            String text = requested.get().strip();
            if (text.equalsIgnoreCase("latest")) {
                return maximum;
            }
            Microversion version;
            try {
                version = parse(text);
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "API Version String " + text
                        + " is of invalid format. Must be of format MajorNum.MinorNum.");
            }
            if (!contains(version)) {
                throw new ApiException(406, "Version " + version + " is not supported by the API. Minimum is "
                        + minimum + " and maximum is " + maximum + ".", headers(maximum));
            }
            return version;
        }

        private Optional<String> requested(Request request) {
            Optional<String> header = request.header(HEADER);
            if (header.isPresent()) {
                for (String entry : header.get().split(",")) {
                    String[] parts = entry.strip().split("\\s+", 2);
                    if (parts.length == 2 && parts[0].equalsIgnoreCase(serviceType)) {
                        return Optional.of(parts[1]);
                    }
                }
            }
            if (legacyHeader != null) {
                return request.header(legacyHeader);
            }
            return Optional.empty();
        }

        /** The headers every versioned response carries: the version served and the Vary that names the request headers. */
        public Map<String, String> headers(Microversion served) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(HEADER, serviceType + " " + served);
            if (legacyHeader != null) {
                headers.put(legacyHeader, served.toString());
                headers.put("Vary", HEADER + ", " + legacyHeader);
            } else {
                headers.put("Vary", HEADER);
            }
            return headers;
        }

        /** Adds {@link #headers} to a response. */
        public Response addHeaders(Response response, Microversion served) {
            headers(served).forEach(response::header);
            return response;
        }
    }
}
