package io.strato.identity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.strato.platform.testing.ApiClient.Reply;
import io.strato.platform.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The Identity v3 behaviour every database engine must give; subclasses pick the engine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IdentityContractIT {
    IdentityTestCloud cloud;

    abstract TestDatabases.Engine engine();

    @BeforeAll
    void start() throws Exception {
        cloud = IdentityTestCloud.start(engine(), Map.of());
    }

    @AfterAll
    void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void passwordLoginGivesAProjectTokenWithRolesAndCatalog() {
        Reply reply = cloud.issue(IdentityTestCloud.passwordAuth("admin", IdentityTestCloud.ADMIN_PASSWORD,
                Map.of("project", Map.of("name", "admin", "domain", Map.of("name", "Default")))));
        assertEquals(201, reply.status(), reply.text());
        JsonNode token = reply.json().path("token");
        assertEquals("admin", token.path("project").path("name").asText());
        List<String> roles = new ArrayList<>();
        token.path("roles").forEach(r -> roles.add(r.path("name").asText()));
        assertTrue(roles.containsAll(List.of("admin", "member", "reader")), "implied roles: " + roles);
        assertEquals("identity", token.path("catalog").get(0).path("type").asText());
        assertEquals(3, token.path("catalog").get(0).path("endpoints").size());
        assertTrue(reply.header("X-Subject-Token").orElseThrow().length() < 255);
    }

    @Test
    void failedLoginsLookTheSameWhetherOrNotTheUserExists() {
        Reply wrongPassword = cloud.issue(IdentityTestCloud.passwordAuth("admin", "nope", null));
        Reply unknownUser = cloud.issue(IdentityTestCloud.passwordAuth("nobody-here", "nope", null));
        assertEquals(401, wrongPassword.status());
        assertEquals(401, unknownUser.status());
        assertEquals(wrongPassword.json().path("error").path("message"), unknownUser.json().path("error").path("message"));
    }

    @Test
    void validateAndRevokeATokenAtOnce() {
        String admin = cloud.adminToken();
        String subject = cloud.token("demo", IdentityTestCloud.DEMO_PASSWORD, "demo");
        Reply valid = cloud.api.send("GET", "/v3/auth/tokens", admin, null, Map.of("X-Subject-Token", subject));
        assertEquals(200, valid.status(), valid.text());
        assertEquals("demo", valid.json().path("token").path("user").path("name").asText());
        assertEquals(204, cloud.api.send("DELETE", "/v3/auth/tokens", admin, null, Map.of("X-Subject-Token", subject)).status());
        assertEquals(404, cloud.api.send("GET", "/v3/auth/tokens", admin, null, Map.of("X-Subject-Token", subject)).status());
        assertEquals(401, cloud.api.get("/v3/auth/projects", subject).status());
        // the admin's own token is untouched
        assertEquals(200, cloud.api.get("/v3/auth/projects", admin).status());
    }

    @Test
    void aMemberCannotListUsersAndAReaderCannotWrite() {
        String[] member = cloud.userWithRole("member-user", "member-pass-1", "member");
        String memberToken = cloud.token("member-user", "member-pass-1", "member-user-project");
        assertEquals(403, cloud.api.get("/v3/users", memberToken).status());
        assertEquals(200, cloud.api.get("/v3/users/" + member[0], memberToken).status());
        cloud.userWithRole("reader-user", "reader-pass-1", "reader");
        String readerToken = cloud.token("reader-user", "reader-pass-1", "reader-user-project");
        Reply write = cloud.api.post("/v3/projects", readerToken, Map.of("project", Map.of("name", "x")));
        assertEquals(403, write.status());
        assertEquals("Forbidden", write.json().path("error").path("title").asText());
    }

    @Test
    void passwordChangeDisableAndRoleRemovalRevokeTokensAtOnce() {
        String[] ids = cloud.userWithRole("revokee", "first-pass-1", "member");
        String admin = cloud.adminToken();
        String before = cloud.token("revokee", "first-pass-1", "revokee-project");
        assertEquals(204, cloud.api.post("/v3/users/" + ids[0] + "/password", null, Map.of("user",
                Map.of("original_password", "first-pass-1", "password", "second-pass-2"))).status());
        assertEquals(401, cloud.api.get("/v3/auth/projects", before).status());
        assertEquals(401, cloud.issue(IdentityTestCloud.passwordAuth("revokee", "first-pass-1", null)).status());

        String second = cloud.token("revokee", "second-pass-2", "revokee-project");
        assertEquals(200, cloud.api.get("/v3/auth/projects", second).status());
        String roleId = cloud.roleId("member");
        assertEquals(204, cloud.api.delete("/v3/projects/" + ids[1] + "/users/" + ids[0] + "/roles/" + roleId, admin).status());
        assertEquals(401, cloud.api.get("/v3/auth/projects", second).status());

        cloud.api.put("/v3/projects/" + ids[1] + "/users/" + ids[0] + "/roles/" + roleId, admin);
        String third = cloud.token("revokee", "second-pass-2", "revokee-project");
        assertEquals(200, cloud.api.patch("/v3/users/" + ids[0], admin, Map.of("user", Map.of("enabled", false))).status());
        assertEquals(401, cloud.api.get("/v3/auth/projects", third).status());
        assertEquals(401, cloud.issue(IdentityTestCloud.passwordAuth("revokee", "second-pass-2", null)).status());
    }

    @Test
    void disablingOrDeletingAProjectRevokesItsTokens() {
        String[] ids = cloud.userWithRole("projectee", "project-pass-1", "member");
        String token = cloud.token("projectee", "project-pass-1", "projectee-project");
        String admin = cloud.adminToken();
        cloud.api.patch("/v3/projects/" + ids[1], admin, Map.of("project", Map.of("enabled", false)));
        assertEquals(401, cloud.api.get("/v3/auth/projects", token).status());
        cloud.api.patch("/v3/projects/" + ids[1], admin, Map.of("project", Map.of("enabled", true)));
        String again = cloud.token("projectee", "project-pass-1", "projectee-project");
        assertEquals(204, cloud.api.delete("/v3/projects/" + ids[1], admin).status());
        assertEquals(401, cloud.api.get("/v3/auth/projects", again).status());
    }

    @Test
    void applicationCredentialAuthenticatesWithItsRolesOnly() {
        cloud.userWithRole("app-owner", "owner-pass-1", "member");
        String token = cloud.token("app-owner", "owner-pass-1", "app-owner-project");
        String userId = cloud.api.send("GET", "/v3/auth/tokens", token, null, Map.of("X-Subject-Token", token))
                .json().path("token").path("user").path("id").asText();
        Reply created = cloud.api.post("/v3/users/" + userId + "/application_credentials", token,
                Map.of("application_credential", Map.of("name", "ci", "roles", List.of(Map.of("name", "reader")))));
        assertEquals(201, created.status(), created.text());
        String id = created.json().path("application_credential").path("id").asText();
        String secret = created.json().path("application_credential").path("secret").asText();
        Reply auth = cloud.issue(Map.of("auth", Map.of("identity", Map.of("methods", List.of("application_credential"),
                "application_credential", Map.of("id", id, "secret", secret)))));
        assertEquals(201, auth.status(), auth.text());
        List<String> roles = new ArrayList<>();
        auth.json().path("token").path("roles").forEach(r -> roles.add(r.path("name").asText()));
        assertEquals(List.of("reader"), roles);
        assertEquals(id, auth.json().path("token").path("application_credential").path("id").asText());
        Reply wrong = cloud.issue(Map.of("auth", Map.of("identity", Map.of("methods", List.of("application_credential"),
                "application_credential", Map.of("id", id, "secret", "wrong")))));
        assertEquals(401, wrong.status());
        String appToken = auth.header("X-Subject-Token").orElseThrow();
        assertEquals(204, cloud.api.delete("/v3/users/" + userId + "/application_credentials/" + id, token).status());
        assertEquals(401, cloud.api.get("/v3/auth/projects", appToken).status());
    }

    @Test
    void rescopingKeepsTheAuditChainAndExpiry() {
        String unscoped = cloud.issue(IdentityTestCloud.passwordAuth("demo", IdentityTestCloud.DEMO_PASSWORD, null))
                .header("X-Subject-Token").orElseThrow();
        Reply original = cloud.api.send("GET", "/v3/auth/tokens", unscoped, null, Map.of("X-Subject-Token", unscoped));
        Reply rescoped = cloud.issue(Map.of("auth", Map.of("identity", Map.of("methods", List.of("token"), "token",
                Map.of("id", unscoped)), "scope", Map.of("project", Map.of("name", "demo", "domain", Map.of("id", "default"))))));
        assertEquals(201, rescoped.status(), rescoped.text());
        JsonNode token = rescoped.json().path("token");
        assertEquals(original.json().path("token").path("expires_at"), token.path("expires_at"));
        assertEquals(2, token.path("audit_ids").size());
        assertEquals(original.json().path("token").path("audit_ids").get(0), token.path("audit_ids").get(1));
    }

    @Test
    void trustScopedTokensCarryTheDelegatedRoles() {
        String[] trustor = cloud.userWithRole("trustor", "trustor-pass-1", "member");
        String[] trustee = cloud.userWithRole("trustee", "trustee-pass-1", "member");
        String trustorToken = cloud.token("trustor", "trustor-pass-1", "trustor-project");
        Reply trust = cloud.api.post("/v3/OS-TRUST/trusts", trustorToken, Map.of("trust", Map.of(
                "trustor_user_id", trustor[0], "trustee_user_id", trustee[0], "project_id", trustor[1],
                "impersonation", false, "roles", List.of(Map.of("name", "member")))));
        assertEquals(201, trust.status(), trust.text());
        String trustId = trust.json().path("trust").path("id").asText();
        String trusteeUnscoped = cloud.issue(IdentityTestCloud.passwordAuth("trustee", "trustee-pass-1", null))
                .header("X-Subject-Token").orElseThrow();
        Reply scoped = cloud.issue(Map.of("auth", Map.of("identity", Map.of("methods", List.of("token"), "token",
                Map.of("id", trusteeUnscoped)), "scope", Map.of("OS-TRUST:trust", Map.of("id", trustId)))));
        assertEquals(201, scoped.status(), scoped.text());
        assertEquals(trustor[1], scoped.json().path("token").path("project").path("id").asText());
        assertEquals(trustId, scoped.json().path("token").path("OS-TRUST:trust").path("id").asText());
        assertEquals(204, cloud.api.delete("/v3/OS-TRUST/trusts/" + trustId, trustorToken).status());
        assertEquals(401, cloud.api.get("/v3/auth/projects", scoped.header("X-Subject-Token").orElseThrow()).status());
    }

    @Test
    void badInputGetsKeystoneErrorsAndChangesNothing() {
        String admin = cloud.adminToken();
        Reply malformed = cloud.api.post("/v3/projects", admin, "{\"project\": ");
        assertEquals(400, malformed.status());
        assertEquals(400, malformed.json().path("error").path("code").asInt());
        assertEquals("Bad Request", malformed.json().path("error").path("title").asText());
        assertEquals(400, cloud.api.post("/v3/projects", admin, Map.of("project", Map.of("name", "x".repeat(65)))).status());
        assertEquals(400, cloud.api.post("/v3/projects", admin, Map.of("project", Map.of("name", "ok", "enabled", "yes"))).status());
        assertEquals(400, cloud.api.post("/v3/users", admin, Map.of("user", Map.of("name", 42))).status());
        assertEquals(400, cloud.api.post("/v3/projects", admin, "[1,2]").status());
        Reply huge = cloud.api.post("/v3/projects", admin, Map.of("project", Map.of("name", "big",
                "description", "d".repeat(200_000))));
        assertEquals(413, huge.status());
        assertEquals(404, cloud.api.get("/v3/users/does-not-exist", admin).status());
        assertEquals(0, cloud.api.get("/v3/projects?name=big", admin).json().path("projects").size());
        assertEquals(0, cloud.api.get("/v3/projects?name=ok", admin).json().path("projects").size());
        Reply duplicate = cloud.api.post("/v3/projects", admin, Map.of("project", Map.of("name", "demo")));
        assertEquals(409, duplicate.status());
        assertEquals(401, cloud.api.get("/v3/users", "garbage-token").status());
        assertEquals(401, cloud.api.get("/v3/users", null).status());
    }

    @Test
    void roleAssignmentsListEffectiveGroupAndImpliedRolesWithNames() {
        String admin = cloud.adminToken();
        String[] ids = cloud.userWithRole("grouped", "grouped-pass-1", "reader");
        String group = cloud.api.post("/v3/groups", admin, Map.of("group", Map.of("name", "operators")))
                .json().path("group").path("id").asText();
        assertEquals(204, cloud.api.put("/v3/groups/" + group + "/users/" + ids[0], admin).status());
        assertEquals(204, cloud.api.put("/v3/projects/" + ids[1] + "/groups/" + group + "/roles/" + cloud.roleId("admin"),
                admin).status());
        JsonNode list = cloud.api.get("/v3/role_assignments?effective&include_names&user.id=" + ids[0], admin).json();
        List<String> names = new ArrayList<>();
        list.path("role_assignments").forEach(a -> names.add(a.path("role").path("name").asText()));
        assertTrue(names.containsAll(List.of("admin", "member", "reader")), names.toString());
        assertEquals("grouped", list.path("role_assignments").get(0).path("user").path("name").asText());
        String token = cloud.token("grouped", "grouped-pass-1", "grouped-project");
        assertEquals(200, cloud.api.get("/v3/users", token).status());
    }

    @Test
    void keyRotationKeepsTokensFromThePreviousKeyValid() throws Exception {
        String token = cloud.token("demo", IdentityTestCloud.DEMO_PASSWORD, "demo");
        io.strato.identity.IdentityService.rotateKeys(cloud.keys, 3);
        cloud.service.refresh();
        assertEquals(200, cloud.api.get("/v3/auth/projects", token).status());
        String fresh = cloud.token("demo", IdentityTestCloud.DEMO_PASSWORD, "demo");
        assertNotEquals(token, fresh);
        assertEquals(200, cloud.api.get("/v3/auth/projects", fresh).status());
    }

    @Test
    void credentialBlobsAreEncryptedAtRest() {
        String admin = cloud.adminToken();
        String userId = cloud.api.send("GET", "/v3/auth/tokens", admin, null, Map.of("X-Subject-Token", admin))
                .json().path("token").path("user").path("id").asText();
        String blob = "{\"access\": \"a1b2\", \"secret\": \"very-secret-value\"}";
        Reply created = cloud.api.post("/v3/credentials", admin, Map.of("credential", Map.of("user_id", userId,
                "type", "ec2", "project_id", cloud.api.send("GET", "/v3/auth/tokens", admin, null,
                        Map.of("X-Subject-Token", admin)).json().path("token").path("project").path("id").asText(),
                "blob", blob)));
        assertEquals(201, created.status(), created.text());
        String id = created.json().path("credential").path("id").asText();
        assertEquals(blob, cloud.api.get("/v3/credentials/" + id, admin).json().path("credential").path("blob").asText());
        String stored = cloud.database.read(s -> s.one("SELECT encrypted_blob FROM identity_credential WHERE id = ?",
                r -> r.getString(1), id)).orElseThrow();
        assertFalse(stored.contains("very-secret-value"), stored);
    }

    @Test
    void versionDiscoveryAndRequestIds() {
        Reply root = cloud.api.get("/", null);
        assertEquals(300, root.status());
        Reply v3 = cloud.api.get("/v3", null);
        assertEquals("v3.14", v3.json().path("version").path("id").asText());
        assertTrue(v3.header("x-openstack-request-id").orElseThrow().startsWith("req-"));
        assertFalse(cloud.api.get("/v3/nothing-here", cloud.adminToken()).text().contains("Exception"));
    }
}
