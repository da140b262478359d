package io.strato.identity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strato.platform.testing.ApiClient.Reply;
import io.strato.platform.testing.TestDatabases;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Keystone's [security_compliance] options, switched on. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityComplianceIT {
    private IdentityTestCloud cloud;

    @BeforeAll
    void start() throws Exception {
        cloud = IdentityTestCloud.start(TestDatabases.Engine.H2, Map.of(
                "identity.security_compliance.lockout_failure_attempts", "3",
                "identity.security_compliance.lockout_duration", "1h",
                "identity.security_compliance.unique_last_password_count", "3",
                "identity.security_compliance.minimum_password_age", "1",
                "identity.security_compliance.password_regex", "^(?=.*\\d)(?=.*[a-zA-Z]).{8,}$",
                "identity.security_compliance.password_regex_description",
                "at least 8 characters with a letter and a digit",
                "identity.security_compliance.password_expires_days", "90"));
    }

    @AfterAll
    void stop() {
        cloud.close();
    }

    @Test
    void repeatedFailuresLockTheAccountEvenForTheRightPassword() {
        cloud.userWithRole("locky", "locky-pass-1", "member");
        for (int i = 0; i < 3; i++) {
            assertEquals(401, cloud.issue(IdentityTestCloud.passwordAuth("locky", "wrong", null)).status());
        }
        Reply locked = cloud.issue(IdentityTestCloud.passwordAuth("locky", "locky-pass-1", null));
        assertEquals(401, locked.status());
        assertTrue(locked.json().path("error").path("message").asText().contains("locked"), locked.text());
    }

    @Test
    void weakPasswordsAreRefusedWithTheDescription() {
        Reply weak = cloud.api.post("/v3/users", cloud.adminToken(), Map.of("user", Map.of("name", "weakling",
                "password", "short")));
        assertEquals(400, weak.status());
        assertTrue(weak.json().path("error").path("message").asText().contains("a letter and a digit"), weak.text());
        assertEquals(0, cloud.api.get("/v3/users?name=weakling", cloud.adminToken()).json().path("users").size());
    }

    @Test
    void selfServiceChangesHonourMinimumAgeAndAdminResetsHonourHistory() {
        String[] ids = cloud.userWithRole("changer", "changer-pass-1", "member");
        Reply first = cloud.api.post("/v3/users/" + ids[0] + "/password", null, Map.of("user",
                Map.of("original_password", "changer-pass-1", "password", "changer-pass-2")));
        assertEquals(204, first.status(), first.text());
        Reply tooSoon = cloud.api.post("/v3/users/" + ids[0] + "/password", null, Map.of("user",
                Map.of("original_password", "changer-pass-2", "password", "changer-pass-3")));
        assertEquals(400, tooSoon.status());
        assertTrue(tooSoon.json().path("error").path("message").asText().contains("minimum password age"));
        // an administrator's reset is not held to the history, as in Keystone
        assertEquals(200, cloud.api.patch("/v3/users/" + ids[0], cloud.adminToken(), Map.of("user",
                Map.of("password", "changer-pass-1"))).status());
        // after an administrator's reset there is no minimum age, but the history still applies
        Reply reuse = cloud.api.post("/v3/users/" + ids[0] + "/password", null, Map.of("user",
                Map.of("original_password", "changer-pass-1", "password", "changer-pass-2")));
        assertEquals(400, reuse.status());
        assertTrue(reuse.json().path("error").path("message").asText().contains("previous password"), reuse.text());
        assertEquals(204, cloud.api.post("/v3/users/" + ids[0] + "/password", null, Map.of("user",
                Map.of("original_password", "changer-pass-1", "password", "changer-pass-7"))).status());
    }

    @Test
    void passwordsCarryAnExpiry() {
        String[] ids = cloud.userWithRole("expiring", "expiring-pass-1", "member");
        Reply user = cloud.api.get("/v3/users/" + ids[0], cloud.adminToken());
        assertTrue(user.json().path("user").path("password_expires_at").isTextual(), user.text());
    }

    @Test
    void theDefaultDomainExposesTheRegexToUsers() {
        Reply config = cloud.api.get("/v3/domains/default/config/security_compliance", cloud.adminToken());
        assertEquals(200, config.status(), config.text());
        assertEquals("at least 8 characters with a letter and a digit",
                config.json().path("config").path("password_regex_description").asText());
    }
}
