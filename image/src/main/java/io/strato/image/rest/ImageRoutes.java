package io.strato.image.rest;

import io.strato.image.blob.BlobStore;
import io.strato.image.core.ImageManager;
import io.strato.image.core.ImageUploads;
import io.strato.platform.http.FaultRenderer;
import io.strato.platform.http.Router;

/** Registers every Image v2 route. */
public final class ImageRoutes {
    private final ImageManager images;
    private final ImageUploads uploads;
    private final BlobStore blobs;

    public ImageRoutes(ImageManager images, ImageUploads uploads, BlobStore blobs) {
        this.images = images;
        this.uploads = uploads;
        this.blobs = blobs;
    }

    public void register(Router router) {
        new DiscoveryResource(blobs).register(router);
        new ImageResource(images, uploads, blobs).register(router);
        new MemberResource(images).register(router);
    }

    public static FaultRenderer faults() {
        return new GlanceFaults();
    }
}
