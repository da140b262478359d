package io.strato.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
    @Test
    void environmentOverridesTheFileAndDefaultsFillTheRest() throws Exception {
        Path file = Files.createTempFile("strato", ".conf");
        Files.writeString(file, "identity.token.expiration = 2h\ndatabase.pool_size=4\n");
        Config config = Config.load(file, Map.of("STRATO_DATABASE_POOL_SIZE", "9"), Map.of());
        assertEquals(Duration.ofHours(2), config.getDuration("identity.token.expiration", Duration.ofHours(1)));
        assertEquals(9, config.getInt("database.pool_size", 16));
        assertEquals(3, config.getInt("identity.fernet.max_active_keys", 3));
    }

    @Test
    void badValuesSayWhichKeyIsWrong() {
        Config config = Config.of(Map.of("a.number", "many", "a.flag", "perhaps"));
        var error = assertThrows(IllegalArgumentException.class, () -> config.getInt("a.number", 1));
        assertEquals("configuration a.number must be a number, not many", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> config.getBoolean("a.flag", true));
    }

    @Test
    void durationsTakeUnits() {
        Config config = Config.of(Map.of("a", "90", "b", "15m", "c", "7d"));
        assertEquals(Duration.ofSeconds(90), config.getDuration("a", Duration.ZERO));
        assertEquals(Duration.ofMinutes(15), config.getDuration("b", Duration.ZERO));
        assertEquals(Duration.ofDays(7), config.getDuration("c", Duration.ZERO));
    }
}
