package io.strato.image.core;

import io.strato.image.api.Image;
import io.strato.image.api.ImageTask;
import io.strato.image.blob.BlobStore;
import io.strato.image.blob.BlobTooLargeException;
import io.strato.image.format.FormatInspector;
import io.strato.image.format.FormatPolicy;
import io.strato.image.format.Inspection;
import io.strato.image.store.ImageStore;
import io.strato.platform.db.Database;
import io.strato.platform.http.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Image data in: the direct upload ({@code PUT /file}) and the interoperable import
 * ({@code PUT /stage} then {@code POST /import} with glance-direct). Bytes stream to the data
 * store while MD5 and SHA-512 are computed and the content is inspected; the image becomes
 * active only when all of that checks out. Any failure leaves the image queued with no data.
 */
public final class ImageUploads {
    private static final System.Logger LOG = System.getLogger("strato.image");
    private static final String STAGING_SUFFIX = ".staging";

    private final Database database;
    private final ImageStore store;
    private final BlobStore blobs;
    private final ImageManager images;
    private final ImageQuota quota;
    private final ExecutorService imports = Executors.newVirtualThreadPerTaskExecutor();

    public ImageUploads(Database database, ImageStore store, BlobStore blobs, ImageManager images, ImageQuota quota) {
        this.database = database;
        this.store = store;
        this.blobs = blobs;
        this.images = images;
        this.quota = quota;
    }

    /** What ingesting a stream produced. */
    private record Ingested(BlobStore.StoredBlob blob, String md5, String sha512, Inspection inspection) {
    }

    /** {@code PUT /v2/images/{id}/file}: queued → saving → active. */
    public Image upload(Caller caller, String id, InputStream data) {
        Image image = images.getOwned(caller, id);
        requireFormats(image);
        claim(image, Image.QUEUED, Image.SAVING, "upload");
        Ingested ingested;
        try {
            ingested = ingest(image, id, data);
        } catch (RuntimeException e) {
            release(id, Image.SAVING, Image.QUEUED);
            throw e;
        }
        return activate(image, ingested, Image.SAVING);
    }

    /** {@code PUT /v2/images/{id}/stage}: queued → uploading, data kept in staging. */
    public Image stage(Caller caller, String id, InputStream data) {
        Image image = images.getOwned(caller, id);
        claim(image, Image.QUEUED, Image.UPLOADING, "stage");
        try {
            BlobStore.StoredBlob staged = blobs.write(id + STAGING_SUFFIX, data, maxBytes(image), (b, o, l) -> {
            });
            database.transaction(s -> {
                Image current = store.get(s, id).orElseThrow(() -> ImageErrors.notFound(id));
                store.update(s, withLocation(current, staged.location()), Image.UPLOADING);
                return null;
            });
            return images.get(caller, id);
        } catch (BlobTooLargeException e) {
            release(id, Image.UPLOADING, Image.QUEUED);
            throw tooLarge(e);
        } catch (IOException e) {
            release(id, Image.UPLOADING, Image.QUEUED);
            throw ApiException.badRequest("The staged data could not be read completely: " + e.getMessage());
        }
    }

    /** {@code POST /v2/images/{id}/import} (glance-direct): uploading → importing → active, in the background. */
    public void importStaged(Caller caller, String id, String method, String requestId) {
        if (!"glance-direct".equals(method)) {
            throw ApiException.badRequest("Import method " + method + " is not supported; use glance-direct.");
        }
        Image image = images.getOwned(caller, id);
        requireFormats(image);
        if (!Image.UPLOADING.equals(image.status()) || image.location() == null) {
            throw ApiException.conflict("Image " + id + " has no staged data; stage it first (status is "
                    + image.status() + ").");
        }
        claim(image, Image.UPLOADING, Image.IMPORTING, "import");
        String staged = image.location();
        var now = images.now();
        String input = io.strato.platform.json.Json.text(java.util.Map.of("image_id", id, "import_req",
                java.util.Map.of("method", java.util.Map.of("name", method)), "backend", List.of(blobs.id())));
        ImageTask task = new ImageTask(java.util.UUID.randomUUID().toString(), id, "api_image_import",
                ImageTask.PROCESSING, input, "", image.owner(), caller.auth() == null ? null : caller.auth().userId(),
                requestId, now, now);
        database.transaction(s -> {
            store.insertTask(s, task);
            return null;
        });
        imports.execute(() -> {
            String status = ImageTask.SUCCESS;
            String message = "";
            try (InputStream in = blobs.read(staged, 0, -1)) {
                Ingested ingested = ingest(image, id, in);
                activate(image, ingested, Image.IMPORTING);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "import of image " + id + " failed: " + e.getMessage());
                release(id, Image.IMPORTING, Image.QUEUED);
                status = ImageTask.FAILURE;
                message = e.getMessage() == null ? e.toString() : e.getMessage();
            } finally {
                deleteQuietly(staged);
            }
            String finalStatus = status;
            String finalMessage = message;
            database.transaction(s -> {
                store.finishTask(s, task.id(), finalStatus, finalMessage, images.now());
                return null;
            });
        });
    }

    /** The image's tasks, oldest first; the caller must be able to see the image. */
    public List<ImageTask> tasks(Caller caller, String id) {
        images.get(caller, id);
        return database.read(s -> store.tasks(s, id));
    }

    /** After a crash: uploads and imports that were under way go back to queued, their partial data gone. */
    public int reconcile() {
        int fixed = 0;
        for (String status : new String[] {Image.SAVING, Image.IMPORTING, Image.UPLOADING}) {
            for (Image image : database.read(s -> store.withStatus(s, status))) {
                if (image.location() != null) {
                    deleteQuietly(image.location());
                }
                database.transaction(s -> store.update(s, withLocation(image, null).withStatus(Image.QUEUED), status));
                fixed++;
            }
        }
        return fixed;
    }

    private Ingested ingest(Image image, String id, InputStream data) {
        FormatInspector inspector = new FormatInspector();
        BlobStore.StoredBlob blob;
        List<String> hashes;
        try (ParallelDigests digests = new ParallelDigests("MD5", "SHA-512")) {
            blob = blobs.write(id, data, maxBytes(image), (buffer, offset, length) -> {
                digests.update(buffer, offset, length);
                inspector.update(buffer, offset, length);
            });
            hashes = digests.finish();
        } catch (BlobTooLargeException e) {
            throw tooLarge(e);
        } catch (IOException e) {
            throw ApiException.badRequest("The image data could not be read completely: " + e.getMessage());
        }
        Inspection inspection = inspector.finish();
        // As Glance: only a bare container holds a disk image whose content must match disk_format.
        Optional<String> problem = "bare".equals(image.containerFormat())
                ? FormatPolicy.check(image.diskFormat(), inspection) : Optional.empty();
        if (problem.isPresent()) {
            deleteQuietly(blob.location());
            throw ApiException.badRequest(problem.get());
        }
        return new Ingested(blob, hashes.get(0), hashes.get(1), inspection);
    }

    private Image activate(Image image, Ingested ingested, String from) {
        boolean saved = database.transaction(s -> {
            Optional<Image> current = store.get(s, image.id());
            if (current.isEmpty()) {
                return false;
            }
            Image i = current.get();
            Image active = new Image(i.id(), i.name(), i.owner(), Image.ACTIVE, i.visibility(), i.isProtected(),
                    i.hidden(), i.diskFormat(), i.containerFormat(), i.minDisk(), i.minRam(), ingested.blob().size(),
                    ingested.inspection().virtualSize(),
                    ingested.md5(), "sha512", ingested.sha512(), ingested.blob().location(), i.createdAt(), images.now(),
                    i.properties(), i.tags());
            return store.update(s, active, from);
        });
        if (!saved) {
            deleteQuietly(ingested.blob().location());
            throw ApiException.conflict("Image " + image.id() + " was deleted or changed during the upload.");
        }
        return database.read(s -> store.get(s, image.id())).orElseThrow(() -> ImageErrors.notFound(image.id()));
    }

    private void claim(Image image, String from, String to, String action) {
        if (!database.transaction(s -> store.transition(s, image.id(), from, to, images.now()))) {
            throw ApiException.conflict("Image status transition from " + image.status() + " to " + to
                    + " is not allowed: " + action + " needs an image in status " + from + ".");
        }
    }

    private void release(String id, String from, String to) {
        database.transaction(s -> store.transition(s, id, from, to, images.now()));
    }

    private long maxBytes(Image image) {
        long limit = quota.imageSizeCap();
        if (quota.bytes() >= 0) {
            long used = database.read(s -> store.bytesOwned(s, image.owner()));
            limit = Math.min(limit, Math.max(0, quota.bytes() - used));
        }
        return limit;
    }

    private static void requireFormats(Image image) {
        if (image.diskFormat() == null || image.containerFormat() == null) {
            throw ApiException.badRequest("Properties disk_format and container_format must be set before data is "
                    + "uploaded to image " + image.id() + ".");
        }
    }

    private ApiException tooLarge(BlobTooLargeException e) {
        return new ApiException(413, "Image data exceeds the storage available: the limit is " + e.limit()
                + " bytes (the image size cap or the project's remaining image storage quota).");
    }

    private void deleteQuietly(String location) {
        try {
            blobs.delete(location);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete " + location + ": " + e.getMessage());
        }
    }

    private static Image withLocation(Image i, String location) {
        return new Image(i.id(), i.name(), i.owner(), i.status(), i.visibility(), i.isProtected(), i.hidden(),
                i.diskFormat(), i.containerFormat(), i.minDisk(), i.minRam(), i.size(), i.virtualSize(), i.checksum(),
                i.hashAlgorithm(), i.hashValue(), location, i.createdAt(), i.updatedAt(), i.properties(), i.tags());
    }
}
