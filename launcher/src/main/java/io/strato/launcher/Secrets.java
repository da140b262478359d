package io.strato.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Properties;

/** The generated passwords of the bootstrap users, kept (mode 0600) in the data dir. */
record Secrets(String adminPassword, String demoPassword) {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    static Secrets loadOrCreate(Path file) throws IOException {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
        }
        boolean changed = false;
        for (String key : new String[] {"admin_password", "demo_password"}) {
            if (properties.getProperty(key) == null) {
                properties.setProperty(key, generate());
                changed = true;
            }
        }
        if (changed) {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(temp)) {
                properties.store(writer, "Strato bootstrap passwords");
            }
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return new Secrets(properties.getProperty("admin_password"), properties.getProperty("demo_password"));
    }

    /** 20 characters with at least one upper-case letter, one lower-case letter and one digit. */
    private static String generate() {
        SecureRandom random = new SecureRandom();
        while (true) {
            StringBuilder password = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String text = password.toString();
            if (text.chars().anyMatch(Character::isDigit) && text.chars().anyMatch(Character::isUpperCase)
                    && text.chars().anyMatch(Character::isLowerCase)) {
                return text;
            }
        }
    }
}
