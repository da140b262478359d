package io.strato.platform.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {

    private static PolicyEngine engine(String... namesAndRules) {
        Map<String, String> rules = new HashMap<>();
        for (int index = 0; index < namesAndRules.length; index += 2) {
            rules.put(namesAndRules[index], namesAndRules[index + 1]);
        }
        return new PolicyEngine(rules, Map.of());
    }

    private static Map<String, Object> roles(String... names) {
        return Map.of("roles", List.of(names));
    }

    private static boolean allows(String rule, Map<String, Object> target, Map<String, Object> credentials) {
        return engine("action", rule).check("action", target, credentials);
    }

    @Test
    void precedenceIsNotThenAndThenOr() {
        String rule = "role:a or role:b and role:c";
        assertTrue(allows(rule, Map.of(), roles("a")));
        assertFalse(allows(rule, Map.of(), roles("b")));
        assertTrue(allows(rule, Map.of(), roles("b", "c")));
        assertTrue(allows("not role:a and role:b", Map.of(), roles("b")));
        assertFalse(allows("not role:a and role:b", Map.of(), roles("a", "b")));
        assertFalse(allows("not role:a and role:b", Map.of(), roles()));
    }

    @Test
    void parenthesesOverridePrecedence() {
        String rule = "(role:a or role:b) and role:c";
        assertFalse(allows(rule, Map.of(), roles("a")));
        assertTrue(allows(rule, Map.of(), roles("b", "c")));
        assertTrue(allows("not (role:a or role:b)", Map.of(), roles("c")));
        assertFalse(allows("not (role:a or role:b)", Map.of(), roles("b")));
        assertTrue(allows("((role:a and (role:b or (role:c))))", Map.of(), roles("a", "c")));
    }

    @Test
    void alwaysNeverAndEmpty() {
        assertTrue(allows("", Map.of(), Map.of()));
        assertTrue(allows("@", Map.of(), Map.of()));
        assertFalse(allows("!", Map.of(), roles("admin")));
        assertTrue(allows("not !", Map.of(), Map.of()));
    }

    @Test
    void rolesMatchIgnoringCase() {
        assertTrue(allows("role:Admin", Map.of(), roles("ADMIN")));
        assertFalse(allows("role:admin", Map.of(), roles("administrator")));
        assertFalse(allows("role:admin", Map.of(), Map.of()));
    }

    @Test
    void ruleReferences() {
        PolicyEngine engine = engine(
                "admin_required", "role:admin",
                "admin_or_owner", "rule:admin_required or user_id:%(user_id)s",
                "identity:get_user", "rule:admin_or_owner",
                "dangling", "rule:does_not_exist");
        assertTrue(engine.check("identity:get_user", Map.of("user_id", "u2"), roles("admin")));
        assertTrue(engine.check("identity:get_user", Map.of("user_id", "u1"), Map.of("user_id", "u1")));
        assertFalse(engine.check("identity:get_user", Map.of("user_id", "u2"), Map.of("user_id", "u1")));
        assertFalse(engine.check("dangling", Map.of(), roles("admin")));
        assertTrue(engine.check("admin_required", Map.of(), roles("admin")), "base rules are checkable too");
    }

    @Test
    void ruleLoopsEvaluateFalse() {
        PolicyEngine engine = engine(
                "self", "rule:self",
                "ping", "rule:pong",
                "pong", "role:pong or rule:ping",
                "guarded", "role:x or rule:guarded");
        assertFalse(engine.check("self", Map.of(), roles("admin")));
        assertFalse(engine.check("ping", Map.of(), roles("admin")));
        assertTrue(engine.check("ping", Map.of(), roles("pong")));
        assertTrue(engine.check("guarded", Map.of(), roles("x")));
        assertFalse(engine.check("guarded", Map.of(), roles("y")));
        assertFalse(engine.check("not_loop", Map.of(), roles("y")));
        assertTrue(engine("negated", "not rule:negated").check("negated", Map.of(), Map.of()),
                "a reference back into a rule under evaluation is false, so its negation is true");
    }

    @Test
    void referencesToTheSameRuleTwiceAreNotLoops() {
        PolicyEngine engine = engine("reader", "role:reader", "both", "rule:reader and (rule:reader or role:x)");
        assertTrue(engine.check("both", Map.of(), roles("reader")));
    }

    @Test
    void unknownActionIsDenied() {
        PolicyEngine engine = engine("known", "@");
        assertFalse(engine.check("unknown", Map.of(), roles("admin")));
        assertFalse(engine.check(null, Map.of(), roles("admin")));
        PolicyDeniedException denied = assertThrows(PolicyDeniedException.class,
                () -> engine.enforce("unknown", Map.of(), roles("admin")));
        assertEquals("unknown", denied.action());
        engine.enforce("known", null, null);
    }

    @Test
    void enforceCarriesTheAction() {
        PolicyEngine engine = engine("identity:list_users", "role:admin");
        PolicyDeniedException denied = assertThrows(PolicyDeniedException.class,
                () -> engine.enforce("identity:list_users", Map.of(), roles("member")));
        assertEquals("identity:list_users", denied.action());
        assertTrue(denied.getMessage().contains("identity:list_users"));
    }

    @Test
    void targetSubstitutionFlatNestedAndMixed() {
        String rule = "user_id:%(target.user.id)s";
        Map<String, Object> credentials = Map.of("user_id", "u1");
        assertTrue(allows(rule, Map.of("target.user.id", "u1"), credentials));
        assertTrue(allows(rule, Map.of("target", Map.of("user", Map.of("id", "u1"))), credentials));
        assertTrue(allows(rule, Map.of("target", Map.of("user.id", "u1")), credentials));
        assertTrue(allows(rule, Map.of("target.user", Map.of("id", "u1")), credentials));
        assertFalse(allows(rule, Map.of("target", Map.of("user", Map.of("id", "u2"))), credentials));
        assertTrue(allows(rule, Map.of("target.user.id", "u1", "target", Map.of("user", Map.of("id", "u2"))), credentials),
                "the flat key wins");
        assertTrue(allows("project_id:prefix-%(id)s-%(n)s", Map.of("id", "p", "n", 3), Map.of("project_id", "prefix-p-3")));
    }

    @Test
    void missingValuesMakeTheCheckFalse() {
        Map<String, Object> credentials = Map.of("user_id", "u1");
        assertFalse(allows("user_id:%(target.user.id)s", Map.of(), credentials));
        assertFalse(allows("user_id:%(target.user.id)s", Map.of("target", "not a map"), credentials));
        assertFalse(allows("user_id:%(target.user.id)s", null, credentials));
        assertFalse(allows("project_id:%(project_id)s", Map.of("project_id", "p1"), credentials));
        assertFalse(allows("user_id:u1", Map.of(), null));
        assertTrue(allows("not user_id:%(missing)s", Map.of(), credentials), "a missing key is false, so 'not' makes it true");
        assertFalse(allows("role:%(missing)s", Map.of(), roles("admin")));
    }

    @Test
    void nullValues() {
        Map<String, Object> target = new HashMap<>();
        target.put("target.role.domain_id", null);
        Map<String, Object> credentials = new HashMap<>();
        credentials.put("domain_id", null);
        assertTrue(allows("None:%(target.role.domain_id)s", target, credentials), "null in the target renders as None");
        assertFalse(allows("domain_id:%(target.role.domain_id)s", target, credentials), "null credentials never match");
        assertTrue(allows("domain_id:None", Map.of(), credentials), "a literal None matches an absent attribute");
        assertTrue(allows("domain_id:None", Map.of(), Map.of()));
        assertFalse(allows("domain_id:None", Map.of(), Map.of("domain_id", "d1")));
        assertFalse(allows("not None:%(target.role.domain_id)s", target, credentials));
    }

    @Test
    void credentialPathsWalkNestedMapsAndLists() {
        Map<String, Object> credentials = Map.of(
                "token", Map.of("project", Map.of("domain", Map.of("id", "d1"))),
                "flat.key", "v",
                "groups", List.of(Map.of("id", "g1"), Map.of("id", "g2")),
                "roles", List.of("reader", "member"));
        assertTrue(allows("token.project.domain.id:%(target.domain.id)s", Map.of("target.domain.id", "d1"), credentials));
        assertFalse(allows("token.project.domain.id:%(target.domain.id)s", Map.of("target.domain.id", "d2"), credentials));
        assertFalse(allows("token.domain.id:%(target.domain.id)s", Map.of("target.domain.id", "d1"), credentials));
        assertTrue(allows("flat.key:v", Map.of(), credentials));
        assertTrue(allows("groups.id:g2", Map.of(), credentials));
        assertFalse(allows("groups.id:g3", Map.of(), credentials));
        assertTrue(allows("roles:member", Map.of(), credentials), "a list credential passes when it contains the value");
    }

    @Test
    void comparisonIsStringWiseLikePython() {
        Map<String, Object> credentials = Map.of("is_admin_project", true, "count", 3, "system_scope", "all");
        assertTrue(allows("is_admin_project:True", Map.of(), credentials));
        assertFalse(allows("is_admin_project:true", Map.of(), credentials));
        assertTrue(allows("count:3", Map.of(), credentials));
        assertTrue(allows("system_scope:all", Map.of(), credentials));
        assertFalse(allows("system_scope:all", Map.of(), Map.of("system_scope", "ALL")));
        assertTrue(allows("is_admin_project:%(flag)s", Map.of("flag", "True"), credentials));
    }

    @Test
    void literalOnTheLeftIsComparedWithTheTarget() {
        assertTrue(allows("True:%(target.is_domain)s", Map.of("target.is_domain", true), Map.of()));
        assertTrue(allows("'True':%(target.is_domain)s", Map.of("target.is_domain", "True"), Map.of()));
        assertFalse(allows("True:%(target.is_domain)s", Map.of("target.is_domain", false), Map.of()));
        assertFalse(allows("True:%(target.is_domain)s", Map.of(), Map.of()));
        String managedRoles = "'manager':%(target.role.name)s or 'member':%(target.role.name)s";
        assertTrue(allows(managedRoles, Map.of("target.role.name", "member"), Map.of()));
        assertFalse(allows(managedRoles, Map.of("target.role.name", "admin"), Map.of()));
        assertTrue(allows("1:%(n)s", Map.of("n", 1), Map.of()));
    }

    @Test
    void unsupportedChecksAreFalse() {
        assertFalse(allows("http://example.com/%(x)s", Map.of("x", "1"), Map.of()));
        assertTrue(allows("not https://example.com", Map.of(), Map.of()));
    }

    @Test
    void overridesReplaceAndExtendDefaults() {
        PolicyEngine engine = new PolicyEngine(
                Map.of("identity:get_user", "role:admin", "identity:list_users", "role:admin"),
                Map.of("identity:get_user", "role:reader", "custom", "@"));
        assertTrue(engine.check("identity:get_user", Map.of(), roles("reader")));
        assertFalse(engine.check("identity:get_user", Map.of(), roles("admin")));
        assertTrue(engine.check("identity:list_users", Map.of(), roles("admin")));
        assertTrue(engine.check("custom", Map.of(), Map.of()));
        assertEquals(Set.of("identity:get_user", "identity:list_users", "custom"), engine.rules());
    }

    @Test
    void invalidRuleNamesTheRule() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new PolicyEngine(Map.of("ok", "@"), Map.of("identity:broken", "role:a and (role:b")));
        assertTrue(error.getMessage().contains("identity:broken"), error.getMessage());
        assertTrue(error.getMessage().contains("role:a and (role:b"), error.getMessage());
    }
}
