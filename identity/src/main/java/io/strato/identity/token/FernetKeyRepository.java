package io.strato.identity.token;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Keystone-compatible Fernet key repository: a directory of files named {@code 0}, {@code 1}, {@code 2}, ...
 * each holding one key. {@code 0} is the staged key (the next primary, already accepted for decryption so that
 * every node knows it before any node issues with it), the highest number is the primary (used to issue), the
 * rest are secondaries (still accepted). Other file names, such as {@code 0.tmp}, are ignored.
 *
 * <p>Keys are held in memory and only re-read by {@link #initialize()}, {@link #rotate()} and {@link #reload()};
 * {@link #keys()} and {@link #primary()} are lock-free reads of an immutable snapshot.
 * Like Keystone, rotation assumes a single rotating process per repository.
 */
public final class FernetKeyRepository {

    public static final int DEFAULT_MAX_ACTIVE_KEYS = 3;

    private static final int STAGED_KEY_NUMBER = 0;
    private static final String TEMPORARY_KEY_NAME = "0.tmp";
    private static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> KEY_FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
    private static final int RELOAD_ATTEMPTS = 3;

    private final Path directory;
    private final int maxActiveKeys;
    private final boolean posix;
    private final SecureRandom random = new SecureRandom();
    private volatile List<FernetKey> keys = List.of();

    /**
     * @param maxActiveKeys how many keys survive a rotation, staged key included (Keystone's
     *                      {@code [fernet_tokens] max_active_keys}); at least 2, the staged key and a primary
     */
    public FernetKeyRepository(Path directory, int maxActiveKeys) {
        if (maxActiveKeys < 2) {
            throw new IllegalArgumentException("maxActiveKeys must be at least 2 (staged key and primary)");
        }
        this.directory = directory.toAbsolutePath();
        this.maxActiveKeys = maxActiveKeys;
        this.posix = this.directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Creates the directory (mode 0700) if missing and, if it holds no keys, a staged key {@code 0} and a primary
     * key {@code 1} (mode 0600) the way {@code keystone-manage fernet_setup} does; then loads the keys.
     * A repository that has keys but lost its staged key (a crash mid-rotation) gets a new staged key; staged keys
     * never issue tokens, so this is safe.
     */
    public synchronized void initialize() throws IOException {
        if (Files.notExists(directory)) {
            if (directory.getParent() != null) {
                Files.createDirectories(directory.getParent());
            }
            Files.createDirectory(directory, permissions(DIRECTORY_PERMISSIONS));
            if (posix) {
                Files.setPosixFilePermissions(directory, DIRECTORY_PERMISSIONS);
            }
        }
        TreeMap<Integer, Path> files = listKeyFiles();
        if (files.isEmpty()) {
            writeStagedKey();
            rotate();
            return;
        }
        if (!files.containsKey(STAGED_KEY_NUMBER)) {
            writeStagedKey();
        }
        reload();
    }

    /**
     * Keystone's rotation: the staged key {@code 0} becomes the primary under number max + 1, a new staged key
     * {@code 0} is written, and the lowest-numbered keys are deleted until {@code maxActiveKeys} remain
     * (staged key included). Then the keys are reloaded.
     *
     * @throws IllegalStateException if there is no staged key (the repository was never initialized)
     */
    public synchronized void rotate() throws IOException {
        TreeMap<Integer, Path> files = listKeyFiles();
        if (!files.containsKey(STAGED_KEY_NUMBER)) {
            throw new IllegalStateException("no staged Fernet key 0 in " + directory + "; initialize it first");
        }
        Path temporary = writeTemporaryKey();
        int newPrimaryNumber = files.lastKey() + 1;
        Path newPrimary = directory.resolve(Integer.toString(newPrimaryNumber));
        Files.move(files.remove(STAGED_KEY_NUMBER), newPrimary, StandardCopyOption.ATOMIC_MOVE);
        files.put(newPrimaryNumber, newPrimary);
        Files.move(temporary, stagedKeyPath(), StandardCopyOption.ATOMIC_MOVE);
        while (files.size() > maxActiveKeys - 1) {
            Files.deleteIfExists(files.pollFirstEntry().getValue());
        }
        reload();
    }

    /**
     * Re-reads every key file. On failure (no keys, unreadable or invalid key file) the keys in memory are kept
     * and an {@link IOException} is thrown.
     */
    public synchronized void reload() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                keys = readKeys();
                return;
            } catch (NoSuchFileException renamedWhileReading) {
                if (attempt == RELOAD_ATTEMPTS) {
                    throw renamedWhileReading;
                }
            }
        }
    }

    /** Every key, primary first, then descending by number, the staged key last: the order to try when validating. */
    public List<FernetKey> keys() {
        return keys;
    }

    /** The key new tokens are issued with: the highest-numbered one. */
    public FernetKey primary() {
        List<FernetKey> current = keys;
        if (current.isEmpty()) {
            throw new IllegalStateException("no Fernet keys loaded from " + directory);
        }
        return current.getFirst();
    }

    public Path directory() {
        return directory;
    }

    public int maxActiveKeys() {
        return maxActiveKeys;
    }

    private List<FernetKey> readKeys() throws IOException {
        TreeMap<Integer, Path> files = listKeyFiles();
        if (files.isEmpty()) {
            throw new IOException("no Fernet keys in " + directory);
        }
        List<FernetKey> loaded = new ArrayList<>(files.size());
        for (Path file : files.descendingMap().values()) {
            try {
                loaded.add(FernetKey.parse(Files.readString(file, StandardCharsets.US_ASCII)));
            } catch (IllegalArgumentException invalid) {
                throw new IOException("invalid Fernet key in " + file, invalid);
            }
        }
        return List.copyOf(loaded);
    }

    /** Regular files whose name is a number written the canonical way ({@code 7}, not {@code 07}), by number. */
    private TreeMap<Integer, Path> listKeyFiles() throws IOException {
        TreeMap<Integer, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                Integer number = parseKeyNumber(name);
                if (number != null && Files.isRegularFile(entry)) {
                    files.put(number, entry);
                }
            }
        }
        return files;
    }

    private static Integer parseKeyNumber(String name) {
        if (name.isEmpty() || name.length() > 9 || (name.length() > 1 && name.charAt(0) == '0')
                || !name.chars().allMatch(character -> character >= '0' && character <= '9')) {
            return null;
        }
        return Integer.valueOf(name);
    }

    private void writeStagedKey() throws IOException {
        Files.move(writeTemporaryKey(), stagedKeyPath(), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes a new key to {@code 0.tmp}, created with mode 0600 and synced, ready to be renamed into place. */
    private Path writeTemporaryKey() throws IOException {
        Path temporary = directory.resolve(TEMPORARY_KEY_NAME);
        Files.deleteIfExists(temporary);
        byte[] contents = FernetKey.generate(random).encoded().getBytes(StandardCharsets.US_ASCII);
        try (FileChannel channel = FileChannel.open(temporary,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), permissions(KEY_FILE_PERMISSIONS))) {
            ByteBuffer buffer = ByteBuffer.wrap(contents);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        if (posix) {
            Files.setPosixFilePermissions(temporary, KEY_FILE_PERMISSIONS);
        }
        return temporary;
    }

    private Path stagedKeyPath() {
        return directory.resolve(Integer.toString(STAGED_KEY_NUMBER));
    }

    private FileAttribute<?>[] permissions(Set<PosixFilePermission> permissions) {
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }
}
