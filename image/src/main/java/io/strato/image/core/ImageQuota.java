package io.strato.image.core;

import io.strato.platform.config.Config;

/** Per-project limits on image count and total bytes, and the largest single image; -1 is unlimited. */
public record ImageQuota(long images, long bytes, long imageSizeCap) {
    public static ImageQuota from(Config config) {
        return new ImageQuota(config.getLong("image.quota.images", -1), config.getLong("image.quota.bytes", -1),
                config.getLong("image.image_size_cap", 1L << 40));
    }
}
