package io.strato.image;

import io.strato.image.api.Image;
import io.strato.image.api.ImageReader;
import io.strato.image.blob.BlobStore;
import io.strato.image.blob.FilesystemBlobStore;
import io.strato.image.core.Caller;
import io.strato.image.core.ImageManager;
import io.strato.image.core.ImageQuota;
import io.strato.image.core.ImageUploads;
import io.strato.image.rest.ImageRoutes;
import io.strato.image.store.ImageStore;
import io.strato.platform.auth.AuthContext;
import io.strato.platform.auth.TokenValidator;
import io.strato.platform.config.Config;
import io.strato.platform.db.Database;
import io.strato.platform.http.HttpService;
import io.strato.platform.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The image service (Glance v2) assembled from its parts: the image records on the shared
 * database, the data store (files in the data dir), uploads with inspection, and the routes.
 */
public final class ImageService implements ImageReader {
    public static final int DEFAULT_PORT = 9292;
    public static final List<Database.Migration> MIGRATIONS = List.of(
            new Database.Migration(1, "db/image/V1__image.sql"),
            new Database.Migration(2, "db/image/V2__image_tasks.sql"));
    private static final System.Logger LOG = System.getLogger("strato.image");
    private static final long MAX_BODY_BYTES = 1 << 20;

    private final ImageManager images;
    private final ImageUploads uploads;
    private final BlobStore blobs;

    public ImageService(Config config, Database database, Path dataDirectory, Clock clock) throws IOException {
        database.migrate("image", MIGRATIONS);
        FilesystemBlobStore files = new FilesystemBlobStore(dataDirectory);
        int leftovers = files.removeLeftovers();
        this.blobs = files;
        ImageStore store = new ImageStore();
        ImageQuota quota = ImageQuota.from(config);
        this.images = new ImageManager(database, store, blobs, quota, clock);
        this.uploads = new ImageUploads(database, store, blobs, images, quota);
        int reconciled = uploads.reconcile();
        if (leftovers + reconciled > 0) {
            LOG.log(System.Logger.Level.INFO, "image service recovered from an interrupted run: removed " + leftovers
                    + " partial files, returned " + reconciled + " images to queued");
        }
    }

    public HttpService httpService(int port, TokenValidator tokens) {
        Router router = new Router(true);
        new ImageRoutes(images, uploads, blobs).register(router);
        return new HttpService("image", port, router, ImageRoutes.faults(), MAX_BODY_BYTES, tokens);
    }

    @Override
    public Optional<Image> find(AuthContext caller, String imageId) {
        return images.find(Caller.of(caller), imageId);
    }

    @Override
    public InputStream openData(Image image) throws IOException {
        if (!Image.ACTIVE.equals(image.status()) || image.location() == null) {
            throw new IOException("image " + image.id() + " is " + image.status() + " and has no data to read");
        }
        return blobs.read(image.location(), 0, -1);
    }
}
