package io.strato.image.store;

import io.strato.image.api.Image;
import io.strato.image.api.ImageMember;
import io.strato.platform.db.Session;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Images, their custom properties, tags and members. */
public final class ImageStore {
    public void insert(Session s, Image image) throws SQLException {
        s.update("INSERT INTO image (id, name, owner, status, visibility, protected, os_hidden, disk_format, "
                + "container_format, min_disk, min_ram, size, virtual_size, checksum, os_hash_algo, os_hash_value, "
                + "location, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                image.id(), image.name(), image.owner(), image.status(), image.visibility(), image.isProtected(),
                image.hidden(), image.diskFormat(), image.containerFormat(), image.minDisk(), image.minRam(), image.size(),
                image.virtualSize(), image.checksum(), image.hashAlgorithm(), image.hashValue(), image.location(),
                image.createdAt(), image.updatedAt());
        replaceProperties(s, image.id(), image.properties());
        replaceTags(s, image.id(), image.tags());
    }

    /** Writes every column; with {@code expectedStatus} set, only if the stored status is still that. */
    public boolean update(Session s, Image image, String expectedStatus) throws SQLException {
        String sql = "UPDATE image SET name = ?, owner = ?, status = ?, visibility = ?, protected = ?, os_hidden = ?, "
                + "disk_format = ?, container_format = ?, min_disk = ?, min_ram = ?, size = ?, virtual_size = ?, "
                + "checksum = ?, os_hash_algo = ?, os_hash_value = ?, location = ?, updated_at = ? WHERE id = ?"
                + (expectedStatus == null ? "" : " AND status = ?");
        List<Object> args = new ArrayList<>(List.of());
        args.add(image.name());
        args.add(image.owner());
        args.add(image.status());
        args.add(image.visibility());
        args.add(image.isProtected());
        args.add(image.hidden());
        args.add(image.diskFormat());
        args.add(image.containerFormat());
        args.add(image.minDisk());
        args.add(image.minRam());
        args.add(image.size());
        args.add(image.virtualSize());
        args.add(image.checksum());
        args.add(image.hashAlgorithm());
        args.add(image.hashValue());
        args.add(image.location());
        args.add(image.updatedAt());
        args.add(image.id());
        if (expectedStatus != null) {
            args.add(expectedStatus);
        }
        if (s.update(sql, args.toArray()) == 0) {
            return false;
        }
        replaceProperties(s, image.id(), image.properties());
        replaceTags(s, image.id(), image.tags());
        return true;
    }

    /** Moves an image from one status to another; false when it was not in the expected status. */
    public boolean transition(Session s, String id, String from, String to, java.time.Instant at) throws SQLException {
        return s.update("UPDATE image SET status = ?, updated_at = ? WHERE id = ? AND status = ?", to, at, id, from) > 0;
    }

    public void delete(Session s, String id) throws SQLException {
        s.update("DELETE FROM image WHERE id = ?", id);
    }

    public Optional<Image> get(Session s, String id) throws SQLException {
        Optional<Image> image = s.one("SELECT * FROM image WHERE id = ?", ImageStore::row, id);
        if (image.isEmpty()) {
            return image;
        }
        return Optional.of(complete(image.get(), properties(s, List.of(id)), tags(s, List.of(id))));
    }

    /**
     * Images a project may list: its own, public and community ones, and those shared with it
     * (any member status); a null project (an administrator's listing) gets every image.
     */
    public List<Image> visibleTo(Session s, String projectId) throws SQLException {
        List<Image> rows = projectId == null
                ? s.query("SELECT * FROM image", ImageStore::row)
                : s.query("SELECT * FROM image WHERE owner = ? OR visibility IN ('public', 'community') OR id IN "
                        + "(SELECT image_id FROM image_member WHERE member = ?)", ImageStore::row, projectId, projectId);
        List<String> ids = rows.stream().map(Image::id).toList();
        Map<String, Map<String, String>> properties = properties(s, null);
        Map<String, List<String>> tags = tags(s, null);
        List<Image> result = new ArrayList<>(rows.size());
        for (Image image : rows) {
            result.add(complete(image, properties, tags));
        }
        return ids.isEmpty() ? List.of() : result;
    }

    public List<Image> withStatus(Session s, String status) throws SQLException {
        return s.query("SELECT * FROM image WHERE status = ?", ImageStore::row, status);
    }

    public long countOwned(Session s, String owner) throws SQLException {
        return s.count("SELECT COUNT(*) FROM image WHERE owner = ?", owner);
    }

    public long bytesOwned(Session s, String owner) throws SQLException {
        return s.count("SELECT COALESCE(SUM(size), 0) FROM image WHERE owner = ?", owner);
    }

    public void upsertMember(Session s, ImageMember member) throws SQLException {
        if (s.update("UPDATE image_member SET status = ?, updated_at = ? WHERE image_id = ? AND member = ?",
                member.status(), member.updatedAt(), member.imageId(), member.memberId()) == 0) {
            s.update("INSERT INTO image_member (image_id, member, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                    member.imageId(), member.memberId(), member.status(), member.createdAt(), member.updatedAt());
        }
    }

    public boolean deleteMember(Session s, String imageId, String memberId) throws SQLException {
        return s.update("DELETE FROM image_member WHERE image_id = ? AND member = ?", imageId, memberId) > 0;
    }

    public Optional<ImageMember> member(Session s, String imageId, String memberId) throws SQLException {
        return s.one("SELECT * FROM image_member WHERE image_id = ? AND member = ?", ImageStore::memberRow, imageId,
                memberId);
    }

    public List<ImageMember> members(Session s, String imageId) throws SQLException {
        return s.query("SELECT * FROM image_member WHERE image_id = ? ORDER BY created_at", ImageStore::memberRow, imageId);
    }

    /** Member status of every image shared with the project. */
    public Map<String, String> membershipsOf(Session s, String projectId) throws SQLException {
        Map<String, String> result = new HashMap<>();
        s.query("SELECT image_id, status FROM image_member WHERE member = ?", r -> {
            result.put(r.getString(1), r.getString(2));
            return null;
        }, projectId);
        return result;
    }

    public void insertTask(Session s, io.strato.image.api.ImageTask t) throws SQLException {
        s.update("INSERT INTO image_task (id, image_id, type, status, input, message, owner, user_id, request_id, "
                + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", t.id(), t.imageId(), t.type(),
                t.status(), t.input(), t.message(), t.owner(), t.userId(), t.requestId(), t.createdAt(), t.updatedAt());
    }

    public void finishTask(Session s, String id, String status, String message, java.time.Instant at)
            throws SQLException {
        s.update("UPDATE image_task SET status = ?, message = ?, updated_at = ? WHERE id = ?", status, message, at, id);
    }

    public List<io.strato.image.api.ImageTask> tasks(Session s, String imageId) throws SQLException {
        return s.query("SELECT * FROM image_task WHERE image_id = ? ORDER BY created_at", r ->
                new io.strato.image.api.ImageTask(r.getString("id"), r.getString("image_id"), r.getString("type"),
                        r.getString("status"), r.getString("input"), r.getString("message"), r.getString("owner"),
                        r.getString("user_id"), r.getString("request_id"), Session.instant(r, "created_at"),
                        Session.instant(r, "updated_at")), imageId);
    }

    private void replaceProperties(Session s, String imageId, Map<String, String> properties) throws SQLException {
        s.update("DELETE FROM image_property WHERE image_id = ?", imageId);
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            s.update("INSERT INTO image_property (image_id, name, property_value) VALUES (?, ?, ?)", imageId, entry.getKey(),
                    entry.getValue());
        }
    }

    private void replaceTags(Session s, String imageId, List<String> tags) throws SQLException {
        s.update("DELETE FROM image_tag WHERE image_id = ?", imageId);
        for (String tag : tags) {
            s.update("INSERT INTO image_tag (image_id, tag) VALUES (?, ?)", imageId, tag);
        }
    }

    private static Map<String, Map<String, String>> properties(Session s, List<String> ids) throws SQLException {
        Map<String, Map<String, String>> result = new HashMap<>();
        String sql = "SELECT image_id, name, property_value FROM image_property" + (ids == null ? "" : " WHERE image_id = ?")
                + " ORDER BY name";
        s.query(sql, r -> {
            result.computeIfAbsent(r.getString(1), k -> new LinkedHashMap<>()).put(r.getString(2), r.getString(3));
            return null;
        }, ids == null ? new Object[0] : new Object[] {ids.get(0)});
        return result;
    }

    private static Map<String, List<String>> tags(Session s, List<String> ids) throws SQLException {
        Map<String, List<String>> result = new HashMap<>();
        String sql = "SELECT image_id, tag FROM image_tag" + (ids == null ? "" : " WHERE image_id = ?") + " ORDER BY tag";
        s.query(sql, r -> {
            result.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
            return null;
        }, ids == null ? new Object[0] : new Object[] {ids.get(0)});
        return result;
    }

    private static Image complete(Image image, Map<String, Map<String, String>> properties,
            Map<String, List<String>> tags) {
        return new Image(image.id(), image.name(), image.owner(), image.status(), image.visibility(),
                image.isProtected(), image.hidden(), image.diskFormat(), image.containerFormat(), image.minDisk(),
                image.minRam(), image.size(), image.virtualSize(), image.checksum(), image.hashAlgorithm(),
                image.hashValue(), image.location(), image.createdAt(), image.updatedAt(),
                properties.getOrDefault(image.id(), Map.of()), tags.getOrDefault(image.id(), List.of()));
    }

    private static Image row(ResultSet r) throws SQLException {
        long size = r.getLong("size");
        Long sizeValue = r.wasNull() ? null : size;
        long virtual = r.getLong("virtual_size");
        Long virtualValue = r.wasNull() ? null : virtual;
        return new Image(r.getString("id"), r.getString("name"), r.getString("owner"), r.getString("status"),
                r.getString("visibility"), r.getBoolean("protected"), r.getBoolean("os_hidden"),
                r.getString("disk_format"), r.getString("container_format"), r.getInt("min_disk"), r.getInt("min_ram"),
                sizeValue, virtualValue, r.getString("checksum"), r.getString("os_hash_algo"),
                r.getString("os_hash_value"), r.getString("location"), Session.instant(r, "created_at"),
                Session.instant(r, "updated_at"), Map.of(), List.of());
    }

    private static ImageMember memberRow(ResultSet r) throws SQLException {
        return new ImageMember(r.getString("image_id"), r.getString("member"), r.getString("status"),
                Session.instant(r, "created_at"), Session.instant(r, "updated_at"));
    }
}
