package io.strato.image.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An image as the image service keeps it. {@code status} and {@code visibility} carry Glance's
 * values; {@code properties} are the custom (additional) properties, {@code location} is where
 * the data store keeps the bytes (never shown to users).
 */
public record Image(
        String id,
        String name,
        String owner,
        String status,
        String visibility,
        boolean isProtected,
        boolean hidden,
        String diskFormat,
        String containerFormat,
        int minDisk,
        int minRam,
        Long size,
        Long virtualSize,
        String checksum,
        String hashAlgorithm,
        String hashValue,
        String location,
        Instant createdAt,
        Instant updatedAt,
        Map<String, String> properties,
        List<String> tags) {

    public static final String QUEUED = "queued";
    public static final String SAVING = "saving";
    public static final String ACTIVE = "active";
    public static final String KILLED = "killed";
    public static final String DEACTIVATED = "deactivated";
    public static final String UPLOADING = "uploading";
    public static final String IMPORTING = "importing";

    public Image withStatus(String newStatus) {
        return new Image(id, name, owner, newStatus, visibility, isProtected, hidden, diskFormat, containerFormat,
                minDisk, minRam, size, virtualSize, checksum, hashAlgorithm, hashValue, location, createdAt, updatedAt,
                properties, tags);
    }
}
