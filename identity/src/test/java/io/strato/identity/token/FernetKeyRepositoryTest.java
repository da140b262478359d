package io.strato.identity.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FernetKeyRepositoryTest {

    @TempDir
    Path temporaryDirectory;

    @Test
    void initializeCreatesAPrivateDirectoryWithAStagedAndAPrimaryKey() throws IOException {
        Path directory = temporaryDirectory.resolve("etc/strato/fernet-keys");
        FernetKeyRepository repository = new FernetKeyRepository(directory, 3);
        repository.initialize();

        assertEquals(Set.of("0", "1"), fileNames(directory));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        for (String name : List.of("0", "1")) {
            Path file = directory.resolve(name);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            String contents = Files.readString(file);
            assertEquals(44, contents.length(), "exactly a Keystone key, no newline");
            FernetKey.parse(contents);
        }
        assertEquals(List.of(key(directory, "1"), key(directory, "0")), repository.keys());
        assertEquals(key(directory, "1"), repository.primary());
    }

    @Test
    void initializeLeavesAnExistingRepositoryAlone() throws IOException {
        FernetKeyRepository repository = new FernetKeyRepository(temporaryDirectory, 3);
        repository.initialize();
        repository.rotate();
        List<FernetKey> before = repository.keys();

        FernetKeyRepository restarted = new FernetKeyRepository(temporaryDirectory, 3);
        restarted.initialize();
        assertEquals(before, restarted.keys());
        assertEquals(Set.of("0", "1", "2"), fileNames(temporaryDirectory));
    }

    @Test
    void rotationPromotesTheStagedKeyAndStagesANewOne() throws IOException {
        FernetKeyRepository repository = new FernetKeyRepository(temporaryDirectory, 3);
        repository.initialize();
        FernetKey staged = key(temporaryDirectory, "0");
        FernetKey primary = key(temporaryDirectory, "1");

        repository.rotate();

        assertEquals(Set.of("0", "1", "2"), fileNames(temporaryDirectory));
        assertEquals(staged, key(temporaryDirectory, "2"));
        assertEquals(staged, repository.primary());
        FernetKey newStaged = key(temporaryDirectory, "0");
        assertNotEquals(staged, newStaged);
        assertNotEquals(primary, newStaged);
        assertEquals(List.of(staged, primary, newStaged), repository.keys(), "primary, secondary, staged");
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(temporaryDirectory.resolve("0"))));
    }

    @Test
    void rotationRemovesTheOldestKeysBeyondMaxActiveKeys() throws IOException {
        FernetKeyRepository repository = new FernetKeyRepository(temporaryDirectory, 3);
        repository.initialize();
        repository.rotate();
        FernetKey staged = key(temporaryDirectory, "0");
        FernetKey previousPrimary = key(temporaryDirectory, "2");

        repository.rotate();

        assertEquals(Set.of("0", "2", "3"), fileNames(temporaryDirectory), "key 1, the oldest, is gone");
        assertEquals(List.of(staged, previousPrimary, key(temporaryDirectory, "0")), repository.keys());
    }

    @Test
    void manyRotationsKeepExactlyMaxActiveKeys() throws IOException {
        for (int maxActiveKeys : new int[] {2, 3, 5}) {
            Path directory = temporaryDirectory.resolve("max-" + maxActiveKeys);
            FernetKeyRepository repository = new FernetKeyRepository(directory, maxActiveKeys);
            repository.initialize();
            for (int rotation = 1; rotation <= 20; rotation++) {
                repository.rotate();
                int expected = Math.min(maxActiveKeys, rotation + 2);
                assertEquals(expected, repository.keys().size());
                assertEquals(expected, fileNames(directory).size());
                assertEquals(key(directory, Integer.toString(rotation + 1)), repository.primary());
            }
            assertEquals(maxActiveKeys, repository.keys().size());
            Set<String> expectedNames = new TreeSet<>(Set.of("0"));
            for (int number = 21; number > 21 - (maxActiveKeys - 1); number--) {
                expectedNames.add(Integer.toString(number));
            }
            assertEquals(expectedNames, fileNames(directory));
            assertFalse(Files.exists(directory.resolve("0.tmp")));
        }
    }

    @Test
    void loweringMaxActiveKeysPurgesTheExcessOnTheNextRotation() throws IOException {
        FernetKeyRepository generous = new FernetKeyRepository(temporaryDirectory, 6);
        generous.initialize();
        for (int i = 0; i < 6; i++) {
            generous.rotate();
        }
        assertEquals(6, generous.keys().size());
        FernetKeyRepository strict = new FernetKeyRepository(temporaryDirectory, 3);
        strict.reload();
        assertEquals(6, strict.keys().size(), "loading never deletes");
        strict.rotate();
        assertEquals(Set.of("0", "7", "8"), fileNames(temporaryDirectory));
    }

    @Test
    void reloadSeesRotationsDoneByAnotherProcess() throws IOException {
        FernetKeyRepository node = new FernetKeyRepository(temporaryDirectory, 3);
        node.initialize();
        FernetKeyRepository rotator = new FernetKeyRepository(temporaryDirectory, 3);
        rotator.reload();
        rotator.rotate();

        assertEquals(2, node.keys().size(), "kept in memory until reloaded");
        node.reload();
        assertEquals(rotator.keys(), node.keys());
    }

    @Test
    void reloadKeepsTheKeysItHasWhenTheDirectoryIsBroken() throws IOException {
        FernetKeyRepository repository = new FernetKeyRepository(temporaryDirectory, 3);
        repository.initialize();
        List<FernetKey> keys = repository.keys();

        Files.writeString(temporaryDirectory.resolve("1"), "garbage");
        assertThrows(IOException.class, repository::reload);
        assertEquals(keys, repository.keys());

        Files.delete(temporaryDirectory.resolve("1"));
        Files.delete(temporaryDirectory.resolve("0"));
        assertThrows(IOException.class, repository::reload);
        assertEquals(keys, repository.keys());
    }

    @Test
    void ignoresFilesThatAreNotKeys() throws IOException {
        FernetKeyRepository repository = new FernetKeyRepository(temporaryDirectory, 3);
        repository.initialize();
        List<FernetKey> keys = repository.keys();
        Files.writeString(temporaryDirectory.resolve("0.tmp"), "garbage");
        Files.writeString(temporaryDirectory.resolve("01"), "garbage");
        Files.writeString(temporaryDirectory.resolve("README"), "garbage");
        Files.writeString(temporaryDirectory.resolve("\u0663"), "garbage");   // ARABIC-INDIC DIGIT THREE
        Files.createDirectory(temporaryDirectory.resolve("7"));
        repository.reload();
        assertEquals(keys, repository.keys());
        repository.rotate();
        assertEquals(Set.of("0", "1", "2"), fileNames(temporaryDirectory).stream()
                .filter(name -> name.matches("0|[1-9][0-9]*") && Files.isRegularFile(temporaryDirectory.resolve(name)))
                .collect(Collectors.toSet()));
    }

    @Test
    void aRepositoryThatLostItsStagedKeyGetsANewOneOnInitialize() throws IOException {
        FernetKeyRepository repository = new FernetKeyRepository(temporaryDirectory, 3);
        repository.initialize();
        repository.rotate();
        FernetKey primary = repository.primary();
        Files.delete(temporaryDirectory.resolve("0"));
        FernetKeyRepository restarted = new FernetKeyRepository(temporaryDirectory, 3);
        restarted.reload();
        assertThrows(IllegalStateException.class, restarted::rotate);

        restarted.initialize();
        assertEquals(Set.of("0", "1", "2"), fileNames(temporaryDirectory));
        assertEquals(primary, restarted.primary());
    }

    @Test
    void misuseIsReported() {
        assertThrows(IllegalArgumentException.class, () -> new FernetKeyRepository(temporaryDirectory, 1));
        FernetKeyRepository uninitialized = new FernetKeyRepository(temporaryDirectory, 3);
        assertEquals(List.of(), uninitialized.keys());
        assertThrows(IllegalStateException.class, uninitialized::primary);
        assertThrows(IllegalStateException.class, uninitialized::rotate);
        assertThrows(IOException.class, uninitialized::reload);
    }

    private static FernetKey key(Path directory, String name) throws IOException {
        return FernetKey.parse(Files.readString(directory.resolve(name)));
    }

    private static Set<String> fileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
