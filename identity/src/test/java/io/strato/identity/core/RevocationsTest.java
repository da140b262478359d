package io.strato.identity.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strato.platform.db.Database;
import io.strato.platform.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevocationsTest {
    private static Revocations revocations(Database database, Instant now) {
        database.migrate("identity", io.strato.identity.IdentityService.MIGRATIONS);
        Revocations revocations = new Revocations(database, Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(2));
        revocations.load();
        return revocations;
    }

    private static Revocations.TokenFacts token(String user, String project, String audit, Instant issued) {
        return new Revocations.TokenFacts(user, project, null, List.of(audit), null, null, issued);
    }

    @Test
    void anEventRevokesTokensIssuedBeforeItButNotAfter() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        try (Database database = TestDatabases.open(TestDatabases.Engine.H2)) {
            Revocations revocations = revocations(database, now);
            database.transaction(s -> {
                revocations.revoke(s, Revocations.Kind.USER, "u1");
                revocations.revoke(s, Revocations.Kind.USER_PROJECT, "u2", "p1");
                return null;
            });
            assertTrue(revocations.isRevoked(token("u1", "p9", "a", now.minusSeconds(5))));
            assertFalse(revocations.isRevoked(token("u1", "p9", "a", now.plusMillis(1))));
            assertTrue(revocations.isRevoked(token("u2", "p1", "a", now.minusSeconds(1))));
            assertFalse(revocations.isRevoked(token("u2", "p2", "a", now.minusSeconds(1))));
            assertFalse(revocations.isRevoked(token("u3", "p1", "a", now.minusSeconds(1))));
        }
    }

    @Test
    void eventsSurviveARestartAndOnlyTheNamedAuditIdIsRevoked() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        try (Database database = TestDatabases.open(TestDatabases.Engine.H2)) {
            Revocations first = revocations(database, now);
            database.transaction(s -> {
                for (int i = 0; i < 10_000; i++) {
                    first.revoke(s, Revocations.Kind.AUDIT, "audit-" + i);
                }
                return null;
            });
            Revocations reloaded = revocations(database, now);
            assertTrue(reloaded.isRevoked(token("u", "p", "audit-42", now.minusSeconds(1))));
            assertFalse(reloaded.isRevoked(token("u", "p", "audit-other", now.minusSeconds(1))));
        }
    }

    @Test
    void concurrentRevocationsInOneMillisecondAllPersist() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        try (Database database = TestDatabases.open(TestDatabases.Engine.H2)) {
            Revocations revocations = revocations(database, now); // a fixed clock: every event in one millisecond
            try (var executor = java.util.concurrent.Executors.newFixedThreadPool(8)) {
                List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    String audit = "audit-" + i;
                    futures.add(executor.submit(() -> database.transaction(s -> {
                        revocations.revoke(s, Revocations.Kind.AUDIT, audit);
                        return null;
                    })));
                }
                for (var future : futures) {
                    future.get();
                }
            }
            long stored = database.read(s -> s.count("SELECT COUNT(*) FROM identity_revocation"));
            org.junit.jupiter.api.Assertions.assertEquals(200, stored);
        }
    }
}
