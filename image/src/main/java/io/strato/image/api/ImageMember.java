package io.strato.image.api;

import java.time.Instant;

/** A project an image is shared with, and whether that project accepted it. */
public record ImageMember(String imageId, String memberId, String status, Instant createdAt, Instant updatedAt) {
    public static final String PENDING = "pending";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
}
