package io.strato.image.core;

import io.strato.image.api.Image;
import io.strato.image.api.ImageMember;
import io.strato.platform.http.ApiException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Glance's listing rules applied to the images a caller may see: selection, filters, sorting, paging. */
final class ImageListing {
    static final Set<String> SORT_KEYS = Set.of("name", "status", "container_format", "disk_format", "size",
            "virtual_size", "id", "created_at", "updated_at", "min_disk", "min_ram", "owner", "visibility", "protected");

    private ImageListing() {
    }

    static List<Image> select(List<Image> candidates, Caller caller, Map<String, String> memberships, ImageQuery query) {
        String memberStatus = query.memberStatus() == null ? ImageMember.ACCEPTED : query.memberStatus();
        if (!Set.of("pending", "accepted", "rejected", "all").contains(memberStatus)) {
            throw ApiException.badRequest("Invalid member_status filter: " + memberStatus
                    + ". It must be pending, accepted, rejected or all.");
        }
        String visibility = query.visibility() == null ? "default" : query.visibility();
        if (!visibility.equals("default") && !visibility.equals("all") && !ImageManager.VISIBILITIES.contains(visibility)) {
            throw ApiException.badRequest("Invalid visibility value: " + visibility + ".");
        }
        List<Image> selected = new ArrayList<>();
        boolean showHidden = query.filters().containsKey("os_hidden");
        for (Image image : candidates) {
            if (image.hidden() && !showHidden) {
                continue;
            }
            if (visible(image, caller, memberships, memberStatus, visibility)
                    && Filters.matches(image, query.filters())) {
                selected.add(image);
            }
        }
        selected.sort(comparator(query.sort()));
        int start = 0;
        if (query.marker() != null) {
            start = -1;
            for (int i = 0; i < selected.size(); i++) {
                if (selected.get(i).id().equals(query.marker())) {
                    start = i + 1;
                    break;
                }
            }
            if (start < 0) {
                throw ApiException.badRequest("Invalid marker. Image " + query.marker() + " could not be found.");
            }
        }
        int end = Math.min(selected.size(), start + query.limit() + 1); // one extra tells whether there is a next page
        return selected.subList(start, end);
    }

    private static boolean visible(Image image, Caller caller, Map<String, String> memberships, String memberStatus,
            String visibility) {
        boolean owned = caller.owns(image.owner());
        String membership = memberships.get(image.id());
        boolean member = membership != null && (memberStatus.equals("all") || membership.equals(memberStatus));
        boolean sharedWithMe = image.visibility().equals("shared") && member;
        return switch (visibility) {
            case "public" -> image.visibility().equals("public");
            case "community" -> image.visibility().equals("community");
            case "private" -> image.visibility().equals("private") && (owned || caller.isAdmin());
            case "shared" -> image.visibility().equals("shared") && (sharedWithMe || owned || caller.isAdmin());
            case "all" -> caller.isAdmin() || owned || image.visibility().equals("public")
                    || image.visibility().equals("community") || sharedWithMe;
            default -> caller.isAdmin() || owned || image.visibility().equals("public") || sharedWithMe;
        };
    }

    private static Comparator<Image> comparator(List<ImageQuery.Sort> sorts) {
        Comparator<Image> result = null;
        for (ImageQuery.Sort sort : sorts) {
            if (!SORT_KEYS.contains(sort.key())) {
                throw ApiException.badRequest("Invalid sort key: " + sort.key() + ". It must be one of "
                        + String.join(", ", SORT_KEYS.stream().sorted().toList()) + ".");
            }
            Comparator<Image> next = Comparator.comparing(key(sort.key()), Comparator.nullsFirst(Comparator.naturalOrder()));
            if (!sort.ascending()) {
                next = next.reversed();
            }
            result = result == null ? next : result.thenComparing(next);
        }
        Comparator<Image> tieBreak = Comparator.comparing(Image::createdAt).reversed()
                .thenComparing(Comparator.comparing(Image::id).reversed());
        return result == null ? tieBreak : result.thenComparing(tieBreak);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Function<Image, Comparable> key(String name) {
        return switch (name) {
            case "name" -> Image::name;
            case "status" -> Image::status;
            case "container_format" -> Image::containerFormat;
            case "disk_format" -> Image::diskFormat;
            case "size" -> Image::size;
            case "virtual_size" -> Image::virtualSize;
            case "id" -> Image::id;
            case "created_at" -> Image::createdAt;
            case "updated_at" -> Image::updatedAt;
            case "min_disk" -> Image::minDisk;
            case "min_ram" -> Image::minRam;
            case "owner" -> Image::owner;
            case "visibility" -> Image::visibility;
            default -> Image::isProtected;
        };
    }

    /** Attribute filters with Glance's operators. */
    static final class Filters {
        private Filters() {
        }

        static boolean matches(Image image, Map<String, List<String>> filters) {
            for (Map.Entry<String, List<String>> filter : filters.entrySet()) {
                for (String value : filter.getValue()) {
                    if (!matches(image, filter.getKey(), value)) {
                        return false;
                    }
                }
            }
            return true;
        }

        private static boolean matches(Image image, String key, String value) {
            return switch (key) {
                case "tag" -> image.tags().contains(value);
                case "size_min" -> image.size() != null && image.size() >= number(key, value);
                case "size_max" -> image.size() != null && image.size() <= number(key, value);
                case "os_hidden" -> Boolean.toString(image.hidden()).equalsIgnoreCase(value);
                case "protected" -> Boolean.toString(image.isProtected()).equalsIgnoreCase(value);
                case "created_at" -> compareTime(image.createdAt(), value);
                case "updated_at" -> compareTime(image.updatedAt(), value);
                case "min_ram" -> compareNumber(image.minRam(), value);
                case "min_disk" -> compareNumber(image.minDisk(), value);
                case "size" -> image.size() != null && compareNumber(image.size(), value);
                default -> compareText(attribute(image, key), value);
            };
        }

        private static String attribute(Image image, String key) {
            return switch (key) {
                case "name" -> image.name();
                case "status" -> image.status();
                case "owner" -> image.owner();
                case "id" -> image.id();
                case "disk_format" -> image.diskFormat();
                case "container_format" -> image.containerFormat();
                case "checksum" -> image.checksum();
                case "os_hash_value" -> image.hashValue();
                case "os_hash_algo" -> image.hashAlgorithm();
                default -> image.properties().get(key);
            };
        }

        private static boolean compareText(String actual, String value) {
            if (value.startsWith("in:")) {
                String list = value.substring(3);
                List<String> options = new ArrayList<>();
                for (String option : list.split(",")) {
                    options.add(option.startsWith("\"") && option.endsWith("\"") && option.length() > 1
                            ? option.substring(1, option.length() - 1) : option);
                }
                return actual != null && options.contains(actual);
            }
            if (value.startsWith("eq:")) {
                value = value.substring(3);
            }
            return actual != null && actual.equals(value);
        }

        private static boolean compareNumber(long actual, String value) {
            String[] parts = operator(value);
            long wanted = number("filter", parts[1]);
            return compare(parts[0], Long.compare(actual, wanted));
        }

        private static boolean compareTime(Instant actual, String value) {
            String[] parts = operator(value);
            Instant wanted;
            try {
                String text = parts[1];
                wanted = OffsetDateTime.parse(text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$") ? text
                        : text + "Z").toInstant();
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("Invalid time format for filter: " + value + ".");
            }
            return compare(parts[0], actual.compareTo(wanted));
        }

        private static String[] operator(String value) {
            int colon = value.indexOf(':');
            if (colon > 0 && Set.of("gt", "gte", "lt", "lte", "eq", "neq").contains(value.substring(0, colon))) {
                return new String[] {value.substring(0, colon), value.substring(colon + 1)};
            }
            return new String[] {"eq", value};
        }

        private static boolean compare(String operator, int comparison) {
            return switch (operator) {
                case "gt" -> comparison > 0;
                case "gte" -> comparison >= 0;
                case "lt" -> comparison < 0;
                case "lte" -> comparison <= 0;
                case "neq" -> comparison != 0;
                default -> comparison == 0;
            };
        }

        private static long number(String key, String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("Invalid value for filter " + key + ": " + value + " is not a whole number.");
            }
        }
    }
}
