package io.strato.image.core;

import java.util.List;
import java.util.Map;

/**
 * A listing request: visibility and member-status selection, attribute filters (values may carry
 * Glance's operators such as {@code gte:} or {@code in:}), sort keys with directions, and paging.
 */
public record ImageQuery(
        String visibility,
        String memberStatus,
        Map<String, List<String>> filters,
        List<Sort> sort,
        int limit,
        String marker) {

    /** One sort key and its direction. */
    public record Sort(String key, boolean ascending) {
    }
}
