package io.strato.identity.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strato.platform.policy.PolicyEngine;
import io.strato.platform.policy.PolicyParser;
import io.strato.platform.policy.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keystone's default policies parse, and a few personas get Keystone's decisions. */
class KeystoneDefaultsParseTest {

    private static Map<String, String> defaults;
    private static PolicyEngine engine;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream input = KeystoneDefaultsParseTest.class.getResourceAsStream("/io/strato/identity/policy-defaults.yaml")) {
            assertNotNull(input, "policy-defaults.yaml is on the classpath");
            defaults = PolicyEngine.readRules(input);
        }
        engine = new PolicyEngine(defaults, Map.of());
    }

    /** Credentials as Keystone builds them: oslo.context policy values plus the token body under "token". */
    private static Map<String, Object> systemScoped(String userId, String... roles) {
        Map<String, Object> credentials = new HashMap<>();
        credentials.put("user_id", userId);
        credentials.put("user_domain_id", "default");
        credentials.put("system_scope", "all");
        credentials.put("roles", List.of(roles));
        credentials.put("token", Map.of("system", Map.of("all", true), "user", Map.of("id", userId, "domain", Map.of("id", "default"))));
        return credentials;
    }

    private static Map<String, Object> domainScoped(String userId, String domainId, String... roles) {
        Map<String, Object> credentials = new HashMap<>();
        credentials.put("user_id", userId);
        credentials.put("user_domain_id", domainId);
        credentials.put("domain_id", domainId);
        credentials.put("roles", List.of(roles));
        credentials.put("token", Map.of("domain", Map.of("id", domainId), "user", Map.of("id", userId, "domain", Map.of("id", domainId))));
        return credentials;
    }

    private static Map<String, Object> projectScoped(String userId, String projectId, String domainId, String... roles) {
        Map<String, Object> credentials = new HashMap<>();
        credentials.put("user_id", userId);
        credentials.put("user_domain_id", domainId);
        credentials.put("project_id", projectId);
        credentials.put("project_domain_id", domainId);
        credentials.put("is_admin_project", false);
        credentials.put("roles", List.of(roles));
        credentials.put("token", Map.of(
                "project", Map.of("id", projectId, "domain", Map.of("id", domainId)),
                "user", Map.of("id", userId, "domain", Map.of("id", domainId))));
        return credentials;
    }

    private static Map<String, Object> userTarget(String userId, String domainId) {
        return Map.of("target.user.id", userId, "target.user.domain_id", domainId, "user_id", userId);
    }

    @Test
    void everyRuleParsesAndEveryReferenceResolves() {
        assertTrue(engine.rules().containsAll(Set.of(
                "identity:get_auth_catalog", "identity:validate_token", "identity:list_users", "identity:create_grant",
                "identity:list_role_inference_rules", "identity:create_system_grant_for_group",
                "identity:list_role_assignments_for_tree", "identity:get_security_compliance_domain_config")));
        defaults.forEach((name, text) -> assertReferencesResolve(name, PolicyParser.parse(text)));
    }

    private static void assertReferencesResolve(String name, Rule rule) {
        switch (rule) {
            case Rule.RuleReference reference ->
                    assertTrue(defaults.containsKey(reference.name()), name + " references unknown rule " + reference.name());
            case Rule.AllOf allOf -> allOf.rules().forEach(child -> assertReferencesResolve(name, child));
            case Rule.AnyOf anyOf -> anyOf.rules().forEach(child -> assertReferencesResolve(name, child));
            case Rule.Not not -> assertReferencesResolve(name, not.rule());
            default -> {
            }
        }
    }

    @Test
    void systemAdminMayListUsers() {
        assertTrue(engine.check("identity:list_users", Map.of(), systemScoped("admin", "admin", "member", "reader")));
    }

    @Test
    void projectMemberMayNotListUsers() {
        Map<String, Object> member = projectScoped("u1", "p1", "d1", "member", "reader");
        assertFalse(engine.check("identity:list_users", Map.of(), member));
        assertFalse(engine.check("identity:list_users", Map.of("target.domain_id", "d1"), member));
    }

    @Test
    void projectReaderMayGetOnlyThemself() {
        Map<String, Object> reader = projectScoped("u1", "p1", "d1", "reader");
        assertTrue(engine.check("identity:get_user", userTarget("u1", "d1"), reader));
        assertFalse(engine.check("identity:get_user", userTarget("u2", "d1"), reader));
    }

    @Test
    void domainAdminMayCreateUsersOnlyInTheirDomain() {
        Map<String, Object> domainAdmin = domainScoped("a1", "d1", "admin", "member", "reader");
        assertTrue(engine.check("identity:create_user", Map.of("target.user.domain_id", "d1"), domainAdmin));
        assertFalse(engine.check("identity:create_user", Map.of("target.user.domain_id", "d2"), domainAdmin));
        assertTrue(engine.check("identity:list_users", Map.of("target.domain_id", "d1"), domainAdmin));
        assertFalse(engine.check("identity:list_users", Map.of("target.domain_id", "d2"), domainAdmin));
    }

    @Test
    void systemReaderMayListButNotCreateUsers() {
        Map<String, Object> reader = systemScoped("r1", "reader");
        assertTrue(engine.check("identity:list_users", Map.of(), reader));
        assertFalse(engine.check("identity:create_user", Map.of("target.user.domain_id", "default"), reader));
    }

    @Test
    void projectAdminIsNotACloudAdmin() {
        Map<String, Object> projectAdmin = projectScoped("u1", "p1", "d1", "admin", "member", "reader");
        assertFalse(engine.check("identity:create_user", Map.of("target.user.domain_id", "d1"), projectAdmin));
        assertFalse(engine.check("identity:create_project", Map.of("target.project.domain_id", "d1"), projectAdmin));
        assertTrue(engine.check("identity:update_project_tags",
                Map.of("target.project.id", "p1", "target.project.domain_id", "d1"), projectAdmin));
        assertTrue(engine.check("identity:list_revoke_events", Map.of(), projectAdmin), "admin_required is any admin");
    }

    @Test
    void domainAdminGrantsGlobalOrOwnDomainRolesOnly() {
        Map<String, Object> domainAdmin = domainScoped("a1", "d1", "admin", "member", "reader");
        Map<String, Object> globalRole = new HashMap<>(Map.of(
                "target.user.domain_id", "d1", "target.project.domain_id", "d1", "target.role.id", "r1"));
        globalRole.put("target.role.domain_id", null);
        assertTrue(engine.check("identity:create_grant", globalRole, domainAdmin));
        Map<String, Object> otherDomainRole = new HashMap<>(globalRole);
        otherDomainRole.put("target.role.domain_id", "d2");
        assertFalse(engine.check("identity:create_grant", otherDomainRole, domainAdmin));
        Map<String, Object> otherDomainProject = new HashMap<>(globalRole);
        otherDomainProject.put("target.project.domain_id", "d2");
        assertFalse(engine.check("identity:create_grant", otherDomainProject, domainAdmin));
    }

    @Test
    void tokensAndTrusts() {
        Map<String, Object> user = projectScoped("u1", "p1", "d1", "member", "reader");
        assertTrue(engine.check("identity:validate_token", Map.of("target.token.user_id", "u1"), user));
        assertFalse(engine.check("identity:validate_token", Map.of("target.token.user_id", "u2"), user));
        assertTrue(engine.check("identity:validate_token", Map.of("target.token.user_id", "u2"), projectScoped("nova", "service", "default", "service")));
        assertTrue(engine.check("identity:create_trust", Map.of("target.trust.trustor_user_id", "u1"), user));
        assertFalse(engine.check("identity:create_trust", Map.of("target.trust.trustor_user_id", "u2"), user));
        assertTrue(engine.check("identity:get_trust", Map.of("target.trust.trustor_user_id", "u2", "target.trust.trustee_user_id", "u1"), user));
        assertFalse(engine.check("identity:list_trusts", Map.of(), user));
        assertTrue(engine.check("identity:get_auth_catalog", Map.of(), user));
    }
}
