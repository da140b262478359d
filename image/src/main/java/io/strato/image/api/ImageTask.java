package io.strato.image.api;

import java.time.Instant;

/** A task the image service ran for an image, such as an interoperable import. */
public record ImageTask(String id, String imageId, String type, String status, String input, String message,
        String owner, String userId, String requestId, Instant createdAt, Instant updatedAt) {
    public static final String PROCESSING = "processing";
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
}
