package io.strato.image.api;

import io.strato.platform.auth.AuthContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * What other services (compute) may ask of the image service: an image the caller may use, with
 * its properties ({@code kernel_id}, {@code ramdisk_id}, {@code hw_*}, {@code os_*}, {@code min_disk},
 * {@code min_ram}), and its bytes.
 */
public interface ImageReader {
    /** The image if it exists and the caller may see it. */
    Optional<Image> find(AuthContext caller, String imageId);

    /** The image's bytes; the image must be active. */
    InputStream openData(Image image) throws IOException;
}
