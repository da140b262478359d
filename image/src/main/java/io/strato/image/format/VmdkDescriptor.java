package io.strato.image.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A VMDK text descriptor, read as cautiously as oslo.utils does: every line must be a comment, a
 * {@code ddb} entry, a {@code key=value} header or an extent ({@code rw}, {@code rdonly} or
 * {@code noaccess} followed by sectors, type and file name). Only the single-file sparse subformats
 * are accepted, as Glance's {@code vmdk_allowed_types} default.
 *
 * @param createType the lower-cased {@code createType}, or {@code null} when there is none
 * @param extents the extent lines, lower-cased
 * @param unknownLines how many lines were not understood
 */
record VmdkDescriptor(String createType, List<String> extents, int unknownLines) {
    static final Set<String> ALLOWED_CREATE_TYPES = Set.of("monolithicsparse", "streamoptimized");
    static final Set<String> EXTENT_ACCESS = Set.of("rw", "rdonly", "noaccess");
    static final String CREATE_TYPE_KEY = "createtype=\"";
    static final int CREATE_TYPE_MAXIMUM_LENGTH = 64;

    VmdkDescriptor {
        extents = List.copyOf(extents);
    }

    /** Parses descriptor text (already cut at its first NUL). */
    static VmdkDescriptor parse(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> extents = new ArrayList<>();
        int unknown = 0;
        for (String rawLine : lower.split("\n", -1)) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("ddb")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals > 0 && !line.substring(0, equals).contains(" ")) {
                continue;
            }
            if (EXTENT_ACCESS.contains(line.split("\\s+")[0])) {
                extents.add(line);
            } else {
                unknown++;
            }
        }
        return new VmdkDescriptor(createType(lower), extents, unknown);
    }

    /** The {@code createType="..."} value of lower-cased descriptor text, or {@code null}. */
    static String createType(String lower) {
        int start = lower.indexOf(CREATE_TYPE_KEY);
        if (start < 0) {
            return null;
        }
        start += CREATE_TYPE_KEY.length();
        int end = lower.indexOf('"', start);
        if (end < 0 || end - start >= CREATE_TYPE_MAXIMUM_LENGTH) {
            return null;
        }
        return lower.substring(start, end);
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (createType == null) {
            problems.add("vmdk descriptor has no createType");
        } else if (!ALLOWED_CREATE_TYPES.contains(createType)) {
            problems.add("vmdk createType " + printable(createType)
                    + " is not allowed; only monolithicSparse and streamOptimized images are accepted");
        }
        if (unknownLines > 0) {
            problems.add("vmdk descriptor contains lines that are not understood");
        }
        if (extents.isEmpty()) {
            problems.add("vmdk descriptor declares no extents");
        } else if (extents.size() > 1) {
            problems.add("vmdk image declares more than one extent; only single-file images are accepted");
        }
        for (String extent : extents) {
            String[] fields = extent.split("\\s+");
            if (extent.contains("/") || extent.contains("\\")) {
                problems.add("vmdk extent refers to a file path; images referring to other files are refused");
            } else if (fields.length < 3 || !fields[2].equals("sparse")) {
                problems.add("vmdk extent is not a sparse extent inside the image; images referring to other files are refused");
            }
        }
        return problems;
    }

    private static String printable(String value) {
        return value.codePoints().allMatch(point -> point >= 0x20 && point < 0x7f) ? value : "(unprintable)";
    }
}
