package io.strato.image.core;

import io.strato.image.api.Image;
import io.strato.image.api.ImageMember;
import io.strato.image.blob.BlobStore;
import io.strato.image.store.ImageStore;
import io.strato.platform.db.Database;
import io.strato.platform.http.ApiException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Image records: who sees what (Glance's visibility and sharing rules), changes, deletion, members. */
public final class ImageManager {
    public static final Set<String> DISK_FORMATS = Set.of("ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2",
            "vdi", "iso", "ploop");
    public static final Set<String> CONTAINER_FORMATS = Set.of("ami", "ari", "aki", "bare", "ovf", "ova", "docker",
            "compressed");
    public static final Set<String> VISIBILITIES = Set.of("public", "private", "shared", "community");
    private static final System.Logger LOG = System.getLogger("strato.image");

    private final Database database;
    private final ImageStore store;
    private final BlobStore blobs;
    private final ImageQuota quota;
    private final Clock clock;

    public ImageManager(Database database, ImageStore store, BlobStore blobs, ImageQuota quota, Clock clock) {
        this.database = database;
        this.store = store;
        this.blobs = blobs;
        this.quota = quota;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    public Image create(Caller caller, Image image) {
        caller.requireWriter("add_image");
        if (image.visibility().equals("public") && !caller.isAdmin()) {
            throw ApiException.forbidden("You are not authorized to complete publicize_image action.");
        }
        return database.transaction(s -> {
            if (quota.images() >= 0 && store.countOwned(s, image.owner()) >= quota.images()) {
                throw new ApiException(413, "The image count quota of " + quota.images()
                        + " images for project " + image.owner() + " is used up; delete images or ask for a larger quota.");
            }
            store.insert(s, image);
            return store.get(s, image.id()).orElseThrow();
        });
    }

    /** The image if the caller may see it, else 404 (Glance hides what a caller may not see). */
    public Image get(Caller caller, String id) {
        return find(caller, id).orElseThrow(() -> ImageErrors.notFound(id));
    }

    public Optional<Image> find(Caller caller, String id) {
        Optional<Image> image = database.read(s -> store.get(s, id));
        if (image.isEmpty()) {
            return image;
        }
        Image found = image.get();
        if (caller.isAdmin() || caller.owns(found.owner()) || found.visibility().equals("public")
                || found.visibility().equals("community")) {
            return image;
        }
        if (found.visibility().equals("shared") && caller.projectId() != null
                && database.read(s -> store.member(s, id, caller.projectId())).isPresent()) {
            return image;
        }
        return Optional.empty();
    }

    /** An image the caller may change: its owner's or an administrator's; others get 403 (or 404 if unseen). */
    public Image getOwned(Caller caller, String id) {
        Image image = get(caller, id);
        caller.requireWriter("modify_image");
        if (!caller.isAdmin() && !caller.owns(image.owner())) {
            throw ApiException.forbidden("You are not permitted to modify image " + id + ".");
        }
        return image;
    }

    public List<Image> list(Caller caller, ImageQuery query) {
        Map<String, String> memberships = caller.projectId() == null ? Map.of()
                : database.read(s -> store.membershipsOf(s, caller.projectId()));
        List<Image> candidates = database.read(s -> store.visibleTo(s, caller.isAdmin() ? null : caller.projectId()));
        return ImageListing.select(candidates, caller, memberships, query);
    }

    /** Saves new attributes, checking what only an administrator or only a queued image may change. */
    public Image update(Caller caller, Image before, Image after) {
        if (!before.visibility().equals(after.visibility())) {
            if (after.visibility().equals("public") && !caller.isAdmin()) {
                throw ApiException.forbidden("You are not authorized to complete publicize_image action.");
            }
        }
        Image stamped = new Image(after.id(), after.name(), after.owner(), after.status(), after.visibility(),
                after.isProtected(), after.hidden(), after.diskFormat(), after.containerFormat(), after.minDisk(),
                after.minRam(), after.size(), after.virtualSize(), after.checksum(), after.hashAlgorithm(),
                after.hashValue(), after.location(), after.createdAt(), clock.instant(), after.properties(), after.tags());
        return database.transaction(s -> {
            if (!store.update(s, stamped, before.status())) {
                throw ApiException.conflict("Image " + before.id() + " changed while it was being updated; try again.");
            }
            return store.get(s, stamped.id()).orElseThrow();
        });
    }

    public void delete(Caller caller, String id) {
        Image image = getOwned(caller, id);
        if (image.isProtected()) {
            throw ApiException.forbidden("Image " + id + " is protected and cannot be deleted.");
        }
        database.transaction(s -> {
            store.delete(s, id);
            return null;
        });
        if (image.location() != null) {
            try {
                blobs.delete(image.location());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not delete the data of image " + id + ": " + e.getMessage());
            }
        }
    }

    /** Glance's default: an administrator, or a member of the owning project. */
    public Image deactivate(Caller caller, String id) {
        Image image = ownedOrAdmin(caller, id, "deactivate");
        return switch (image.status()) {
            case Image.DEACTIVATED -> image;
            case Image.ACTIVE -> transition(image, Image.ACTIVE, Image.DEACTIVATED);
            default -> throw ApiException.forbidden("Not allowed to deactivate image in status '" + image.status() + "'.");
        };
    }

    public Image reactivate(Caller caller, String id) {
        Image image = ownedOrAdmin(caller, id, "reactivate");
        return switch (image.status()) {
            case Image.ACTIVE -> image;
            case Image.DEACTIVATED -> transition(image, Image.DEACTIVATED, Image.ACTIVE);
            default -> throw ApiException.forbidden("Not allowed to reactivate image in status '" + image.status() + "'.");
        };
    }

    public void addTag(Caller caller, String id, String tag) {
        Image image = getOwned(caller, id);
        if (tag.length() > 255) {
            throw ApiException.badRequest("Image tag is longer than 255 characters.");
        }
        if (!image.tags().contains(tag)) {
            List<String> tags = new ArrayList<>(image.tags());
            tags.add(tag);
            update(caller, image, withTags(image, tags));
        }
    }

    public void removeTag(Caller caller, String id, String tag) {
        Image image = getOwned(caller, id);
        if (!image.tags().contains(tag)) {
            throw ApiException.notFound("Tag " + tag + " not found on image " + id + ".");
        }
        List<String> tags = new ArrayList<>(image.tags());
        tags.remove(tag);
        update(caller, image, withTags(image, tags));
    }

    public ImageMember addMember(Caller caller, String id, String memberId) {
        Image image = getOwned(caller, id);
        if (!image.visibility().equals("shared")) {
            throw ApiException.forbidden("Only shared images have members.");
        }
        return database.transaction(s -> {
            if (store.member(s, id, memberId).isPresent()) {
                throw ApiException.conflict("Member " + memberId + " already exists on image " + id + ".");
            }
            Instant now = clock.instant();
            ImageMember member = new ImageMember(id, memberId, ImageMember.PENDING, now, now);
            store.upsertMember(s, member);
            return member;
        });
    }

    /** The member changes its own status; nobody else may. */
    public ImageMember updateMember(Caller caller, String id, String memberId, String status) {
        Image image = get(caller, id);
        if (!Set.of(ImageMember.PENDING, ImageMember.ACCEPTED, ImageMember.REJECTED).contains(status)) {
            throw ApiException.badRequest("Member status must be one of pending, accepted or rejected.");
        }
        ImageMember member = getMember(caller, image, memberId);
        caller.requireWriter("modify_member");
        if (!memberId.equals(caller.projectId())) {
            throw ApiException.forbidden("Only the member " + memberId + " may change its membership status.");
        }
        ImageMember updated = new ImageMember(id, memberId, status, member.createdAt(), clock.instant());
        database.transaction(s -> {
            store.upsertMember(s, updated);
            return null;
        });
        return updated;
    }

    public void removeMember(Caller caller, String id, String memberId) {
        Image image = get(caller, id);
        if (!caller.isAdmin() && !caller.owns(image.owner())) {
            throw ApiException.forbidden("Only the image owner may remove members.");
        }
        if (!database.transaction(s -> store.deleteMember(s, id, memberId))) {
            throw ApiException.notFound("Member " + memberId + " not found on image " + id + ".");
        }
    }

    public ImageMember getMember(Caller caller, Image image, String memberId) {
        boolean allowed = caller.isAdmin() || caller.owns(image.owner()) || memberId.equals(caller.projectId());
        Optional<ImageMember> member = database.read(s -> store.member(s, image.id(), memberId));
        if (!allowed || member.isEmpty()) {
            throw ApiException.notFound("Member " + memberId + " not found on image " + image.id() + ".");
        }
        return member.get();
    }

    /** The owner (or an administrator) sees every member; a member sees only itself. */
    public List<ImageMember> members(Caller caller, String id) {
        Image image = get(caller, id);
        if (!image.visibility().equals("shared")) {
            throw ApiException.forbidden("Only shared images have members.");
        }
        List<ImageMember> members = database.read(s -> store.members(s, id));
        if (caller.isAdmin() || caller.owns(image.owner())) {
            return members;
        }
        return members.stream().filter(m -> m.memberId().equals(caller.projectId())).toList();
    }

    private Image transition(Image image, String from, String to) {
        boolean moved = database.transaction(s -> store.transition(s, image.id(), from, to, clock.instant()));
        if (!moved) {
            throw ApiException.conflict("Image " + image.id() + " is no longer " + from + ".");
        }
        return database.read(s -> store.get(s, image.id())).orElseThrow(() -> ImageErrors.notFound(image.id()));
    }

    private Image ownedOrAdmin(Caller caller, String id, String action) {
        Image image = get(caller, id);
        caller.requireWriter(action);
        if (!caller.isAdmin() && !caller.owns(image.owner())) {
            throw ApiException.forbidden("You are not authorized to complete " + action + " action.");
        }
        return image;
    }

    private static Image withTags(Image i, List<String> tags) {
        return new Image(i.id(), i.name(), i.owner(), i.status(), i.visibility(), i.isProtected(), i.hidden(),
                i.diskFormat(), i.containerFormat(), i.minDisk(), i.minRam(), i.size(), i.virtualSize(), i.checksum(),
                i.hashAlgorithm(), i.hashValue(), i.location(), i.createdAt(), i.updatedAt(), i.properties(), tags);
    }
}
