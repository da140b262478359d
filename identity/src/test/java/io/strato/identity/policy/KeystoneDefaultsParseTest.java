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

/**
 * Keystone's default policies (keystone master, 2024.1+ rules) parse, every {@code rule:} reference
 * resolves, and the usual personas get Keystone's decisions: the admin role on any scope is a cloud
 * admin, a domain-scoped manager administers its own domain, members and readers cannot write.
 */
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

    /**
     * Credentials as Keystone builds them: oslo.context policy values (user_id, user_domain_id,
     * project_id, project_domain_id, domain_id, system_scope, roles with implied roles expanded)
     * plus the token body under "token".
     */
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

    /** The `openstack` CLI's admin: admin role on the "admin" project (implied member and reader). */
    private static Map<String, Object> projectAdmin() {
        return projectScoped("admin", "admin", "default", "admin", "member", "reader");
    }

    private static Map<String, Object> projectMember() {
        return projectScoped("u1", "p1", "d1", "member", "reader");
    }

    /** The domain manager persona: manager on domain d1 (implies member and reader). */
    private static Map<String, Object> domainManager() {
        return domainScoped("m1", "d1", "manager", "member", "reader");
    }

    private static Map<String, Object> userTarget(String userId, String domainId) {
        return Map.of("target.user.id", userId, "target.user.domain_id", domainId, "user_id", userId);
    }

    /** A grant of role {@code roleName} (global when roleDomainId is null) to a user of userDomain on a project of projectDomain. */
    private static Map<String, Object> grantTarget(String userDomain, String projectDomain, String roleName, String roleDomainId) {
        Map<String, Object> target = new HashMap<>();
        target.put("target.user.id", "u9");
        target.put("target.user.domain_id", userDomain);
        target.put("target.project.id", "p9");
        target.put("target.project.domain_id", projectDomain);
        target.put("target.role.id", "r-" + roleName);
        target.put("target.role.name", roleName);
        target.put("target.role.domain_id", roleDomainId);
        return target;
    }

    private static boolean allowed(String action, Map<String, Object> target, Map<String, Object> credentials) {
        return engine.check(action, target, credentials);
    }

    @Test
    void everyRuleParsesAndEveryReferenceResolves() {
        assertTrue(engine.rules().containsAll(Set.of(
                "admin_required", "service_role", "service_or_admin", "owner", "admin_or_owner", "token_subject",
                "admin_or_token_subject", "service_admin_or_token_subject", "domain_managed_target_role",
                "identity:get_auth_catalog", "identity:validate_token", "identity:list_users", "identity:create_grant",
                "identity:list_role_inference_rules", "identity:create_system_grant_for_group",
                "identity:list_role_assignments_for_tree", "identity:get_security_compliance_domain_config",
                "identity:create_trust", "identity:create_application_credential")));
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
    void projectScopedAdminIsACloudAdmin() {
        Map<String, Object> admin = projectAdmin();
        assertTrue(allowed("identity:create_project", Map.of("target.project.domain_id", "default"), admin));
        assertTrue(allowed("identity:create_project", Map.of("target.project.domain_id", "d2"), admin));
        assertTrue(allowed("identity:create_user", Map.of("target.user.domain_id", "default"), admin));
        assertTrue(allowed("identity:create_user", Map.of("target.user.domain_id", "d2"), admin));
        assertTrue(allowed("identity:list_users", Map.of(), admin));
        assertTrue(allowed("identity:list_users", Map.of("target.domain_id", "d2"), admin));
        assertTrue(allowed("identity:create_grant", grantTarget("d2", "d2", "admin", null), admin));
        assertTrue(allowed("identity:list_role_assignments", Map.of(), admin));
        assertTrue(allowed("identity:list_roles", Map.of(), admin));
        assertTrue(allowed("identity:create_domain", Map.of(), admin));
        assertTrue(allowed("identity:create_role", Map.of(), admin));
        assertTrue(allowed("identity:create_endpoint", Map.of(), admin));
        assertTrue(allowed("identity:list_revoke_events", Map.of(), admin));
        assertTrue(allowed("identity:get_user", userTarget("u2", "d2"), admin));
    }

    @Test
    void systemAdminIsACloudAdmin() {
        Map<String, Object> admin = systemScoped("admin", "admin", "member", "reader");
        assertTrue(allowed("identity:create_project", Map.of("target.project.domain_id", "d1"), admin));
        assertTrue(allowed("identity:create_user", Map.of("target.user.domain_id", "d1"), admin));
        assertTrue(allowed("identity:list_users", Map.of(), admin));
        assertTrue(allowed("identity:create_grant", grantTarget("d1", "d2", "member", null), admin));
        assertTrue(allowed("identity:list_role_assignments", Map.of(), admin));
        assertTrue(allowed("identity:list_roles", Map.of(), admin));
    }

    @Test
    void domainScopedAdminIsACloudAdminToo() {
        Map<String, Object> domainAdmin = domainScoped("a1", "d1", "admin", "member", "reader");
        assertTrue(allowed("identity:create_user", Map.of("target.user.domain_id", "d2"), domainAdmin));
        assertTrue(allowed("identity:list_users", Map.of("target.domain_id", "d2"), domainAdmin));
        assertTrue(allowed("identity:create_grant", grantTarget("d2", "d2", "admin", "d3"), domainAdmin));
    }

    @Test
    void projectMemberIsNotAnAdministrator() {
        Map<String, Object> member = projectMember();
        assertFalse(allowed("identity:list_users", Map.of(), member));
        assertFalse(allowed("identity:list_users", Map.of("target.domain_id", "d1"), member));
        assertFalse(allowed("identity:create_user", Map.of("target.user.domain_id", "d1"), member));
        assertFalse(allowed("identity:create_project", Map.of("target.project.domain_id", "d1"), member));
        assertFalse(allowed("identity:create_grant", grantTarget("d1", "d1", "member", null), member));
        assertFalse(allowed("identity:list_role_assignments", Map.of(), member));
        assertFalse(allowed("identity:list_roles", Map.of(), member));
        assertFalse(allowed("identity:update_project_tags", Map.of("target.project.id", "p1", "target.project.domain_id", "d1"), member));
        assertFalse(allowed("identity:list_revoke_events", Map.of(), member));
        assertFalse(allowed("identity:list_trusts", Map.of(), member));
    }

    @Test
    void projectMemberSeesItselfItsProjectAndItsDomain() {
        Map<String, Object> member = projectMember();
        assertTrue(allowed("identity:get_user", userTarget("u1", "d1"), member));
        assertFalse(allowed("identity:get_user", userTarget("u2", "d1"), member));
        assertTrue(allowed("identity:get_project", Map.of("target.project.id", "p1", "target.project.domain_id", "d1"), member));
        assertFalse(allowed("identity:get_project", Map.of("target.project.id", "p2", "target.project.domain_id", "d1"), member));
        assertTrue(allowed("identity:get_domain", Map.of("target.domain.id", "d1"), member));
        assertFalse(allowed("identity:get_domain", Map.of("target.domain.id", "d2"), member));
    }

    @Test
    void projectReaderMayGetOnlyThemself() {
        Map<String, Object> reader = projectScoped("u1", "p1", "d1", "reader");
        assertTrue(allowed("identity:get_user", userTarget("u1", "d1"), reader));
        assertFalse(allowed("identity:get_user", userTarget("u2", "d1"), reader));
    }

    @Test
    void systemReaderMayReadButNotWrite() {
        Map<String, Object> reader = systemScoped("r1", "reader");
        assertTrue(allowed("identity:list_users", Map.of(), reader));
        assertTrue(allowed("identity:list_role_assignments", Map.of(), reader));
        assertTrue(allowed("identity:list_roles", Map.of(), reader));
        assertTrue(allowed("identity:list_domains", Map.of(), reader));
        assertFalse(allowed("identity:create_user", Map.of("target.user.domain_id", "default"), reader));
        assertFalse(allowed("identity:create_project", Map.of("target.project.domain_id", "default"), reader));
        assertFalse(allowed("identity:create_grant", grantTarget("default", "default", "member", null), reader));
        assertFalse(allowed("identity:create_domain", Map.of(), reader));
    }

    @Test
    void domainManagerAdministersOnlyItsOwnDomain() {
        Map<String, Object> manager = domainManager();
        assertTrue(allowed("identity:create_user", Map.of("target.user.domain_id", "d1"), manager));
        assertFalse(allowed("identity:create_user", Map.of("target.user.domain_id", "d2"), manager));
        assertTrue(allowed("identity:create_project", Map.of("target.project.domain_id", "d1"), manager));
        assertFalse(allowed("identity:create_project", Map.of("target.project.domain_id", "d2"), manager));
        Map<String, Object> topLevel = new HashMap<>();
        topLevel.put("target.project.domain_id", null);
        assertFalse(allowed("identity:create_project", topLevel, manager), "no domain (a new domain-project) is not the manager's");
        assertTrue(allowed("identity:list_users", Map.of("target.domain_id", "d1"), manager));
        assertFalse(allowed("identity:list_users", Map.of("target.domain_id", "d2"), manager));
        assertTrue(allowed("identity:add_user_to_group", Map.of("target.group.domain_id", "d1", "target.user.domain_id", "d1"), manager));
        assertFalse(allowed("identity:add_user_to_group", Map.of("target.group.domain_id", "d1", "target.user.domain_id", "d2"), manager));
        assertTrue(allowed("identity:list_roles", Map.of(), manager));
        assertTrue(allowed("identity:list_role_assignments", Map.of("target.domain_id", "d1"), manager));
        assertFalse(allowed("identity:list_role_assignments", Map.of("target.domain_id", "d2"), manager));
        assertFalse(allowed("identity:create_domain", Map.of(), manager));
        assertFalse(allowed("identity:create_role", Map.of(), manager));
    }

    @Test
    void domainManagerGrantsOnlyManagerMemberOrReaderWithinItsDomain() {
        Map<String, Object> manager = domainManager();
        for (String role : List.of("manager", "member", "reader")) {
            assertTrue(allowed("identity:create_grant", grantTarget("d1", "d1", role, null), manager), role);
            assertTrue(allowed("identity:revoke_grant", grantTarget("d1", "d1", role, null), manager), role);
            assertTrue(allowed("identity:get_role", Map.of("target.role.name", role), manager), role);
        }
        assertFalse(allowed("identity:create_grant", grantTarget("d1", "d1", "admin", null), manager), "no escalation to admin");
        assertFalse(allowed("identity:revoke_grant", grantTarget("d1", "d1", "admin", null), manager));
        assertFalse(allowed("identity:get_role", Map.of("target.role.name", "admin"), manager));
        assertFalse(allowed("identity:create_grant", grantTarget("d2", "d1", "member", null), manager), "user from another domain");
        assertFalse(allowed("identity:create_grant", grantTarget("d1", "d2", "member", null), manager), "project in another domain");
        Map<String, Object> onDomain = new HashMap<>(grantTarget("d1", "d1", "member", null));
        onDomain.remove("target.project.id");
        onDomain.remove("target.project.domain_id");
        onDomain.put("target.domain.id", "d1");
        assertTrue(allowed("identity:create_grant", onDomain, manager), "member on its own domain");
        onDomain.put("target.domain.id", "d2");
        assertFalse(allowed("identity:create_grant", onDomain, manager), "member on another domain");
    }

    @Test
    void projectScopedManagerIsNotADomainManager() {
        Map<String, Object> manager = projectScoped("m2", "p1", "d1", "manager", "member", "reader");
        assertFalse(allowed("identity:create_user", Map.of("target.user.domain_id", "d1"), manager));
        assertFalse(allowed("identity:create_project", Map.of("target.project.domain_id", "d1"), manager));
        assertFalse(allowed("identity:create_grant", grantTarget("d1", "d1", "member", null), manager));
        assertFalse(allowed("identity:list_users", Map.of("target.domain_id", "d1"), manager));
        assertFalse(allowed("identity:list_roles", Map.of(), manager), "only a domain-scoped manager lists roles");
    }

    @Test
    void tokens() {
        Map<String, Object> user = projectMember();
        assertTrue(allowed("identity:validate_token", Map.of("target.token.user_id", "u1"), user));
        assertFalse(allowed("identity:validate_token", Map.of("target.token.user_id", "u2"), user));
        assertTrue(allowed("identity:check_token", Map.of("target.token.user_id", "u1"), user));
        assertTrue(allowed("identity:revoke_token", Map.of("target.token.user_id", "u1"), user));
        assertFalse(allowed("identity:revoke_token", Map.of("target.token.user_id", "u2"), user));
        assertTrue(allowed("identity:validate_token", Map.of("target.token.user_id", "u2"), projectScoped("nova", "service", "default", "service")));
        assertTrue(allowed("identity:validate_token", Map.of("target.token.user_id", "u2"), projectAdmin()));
        assertTrue(allowed("identity:get_auth_catalog", Map.of(), user));
    }

    @Test
    void applicationCredentialsBelongToTheirUser() {
        Map<String, Object> member = projectMember();
        assertTrue(allowed("identity:create_application_credential", Map.of("user_id", "u1"), member));
        assertFalse(allowed("identity:create_application_credential", Map.of("user_id", "u2"), member));
        assertTrue(allowed("identity:list_application_credentials", Map.of("user_id", "u1"), member));
        assertFalse(allowed("identity:list_application_credentials", Map.of("user_id", "u2"), member));
        assertFalse(allowed("identity:delete_application_credential", Map.of("user_id", "u2"), member));
        assertTrue(allowed("identity:delete_application_credential", Map.of("user_id", "u2"), projectAdmin()));
    }

    @Test
    void trusts() {
        Map<String, Object> user = projectMember();
        assertTrue(allowed("identity:create_trust", Map.of("target.trust.trustor_user_id", "u1"), user));
        assertFalse(allowed("identity:create_trust", Map.of("target.trust.trustor_user_id", "u2"), user));
        assertFalse(allowed("identity:create_trust", Map.of("trust.trustor_user_id", "u1"), user),
                "the trustor comes from the target, never from the request body (CVE-2026-42999)");
        assertTrue(allowed("identity:get_trust", Map.of("target.trust.trustor_user_id", "u2", "target.trust.trustee_user_id", "u1"), user));
        assertFalse(allowed("identity:get_trust", Map.of("target.trust.trustor_user_id", "u2", "target.trust.trustee_user_id", "u3"), user));
        assertFalse(allowed("identity:delete_trust", Map.of("target.trust.trustor_user_id", "u2"), user));
        assertTrue(allowed("identity:delete_trust", Map.of("target.trust.trustor_user_id", "u2"), projectAdmin()));
        assertFalse(allowed("identity:list_trusts", Map.of(), user));
        assertTrue(allowed("identity:list_trusts", Map.of(), projectAdmin()));
    }

    @Test
    void credentialsBelongToTheirUser() {
        Map<String, Object> member = projectMember();
        assertTrue(allowed("identity:create_credential", Map.of("target.credential.user_id", "u1"), member));
        assertFalse(allowed("identity:create_credential", Map.of("target.credential.user_id", "u2"), member));
        assertTrue(allowed("identity:get_credential", Map.of("target.credential.user_id", "u2"), projectAdmin()));
    }
}
