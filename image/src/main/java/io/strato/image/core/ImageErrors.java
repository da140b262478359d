package io.strato.image.core;

import io.strato.platform.http.ApiException;

/** Glance's messages for the common errors. */
final class ImageErrors {
    private ImageErrors() {
    }

    static ApiException notFound(String id) {
        return ApiException.notFound("No image found with ID " + id + ".");
    }

    static ApiException forbidden(String message) {
        return ApiException.forbidden(message);
    }
}
