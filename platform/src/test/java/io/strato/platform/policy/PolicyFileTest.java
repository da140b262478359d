package io.strato.platform.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTest {

    private static final Map<String, String> DEFAULTS = Map.of(
            "admin_required", "role:admin",
            "identity:get_user", "rule:admin_required",
            "identity:list_users", "rule:admin_required");

    @TempDir
    Path directory;

    private static Map<String, String> read(String text) {
        return PolicyEngine.readRules(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, Object> roles(String... names) {
        return Map.of("roles", List.of(names));
    }

    @Test
    void yamlFileOverridesDefaults() throws IOException {
        Path file = Files.writeString(directory.resolve("policy.yaml"), """
                # operators may relax reads
                "identity:get_user": "role:reader or rule:admin_required"
                identity:create_widget: 'role:widget_maker'
                """);
        PolicyEngine engine = PolicyEngine.load(DEFAULTS, file);
        assertTrue(engine.check("identity:get_user", Map.of(), roles("reader")));
        assertTrue(engine.check("identity:get_user", Map.of(), roles("admin")));
        assertFalse(engine.check("identity:list_users", Map.of(), roles("reader")));
        assertTrue(engine.check("identity:create_widget", Map.of(), roles("widget_maker")));
    }

    @Test
    void jsonFileOverridesDefaults() throws IOException {
        Path file = Files.writeString(directory.resolve("policy.json"), """
                {
                  "admin_required": "role:cloud_admin",
                  "identity:list_users": "user_id:%(target.user.id)s"
                }
                """);
        PolicyEngine engine = PolicyEngine.load(DEFAULTS, file);
        assertTrue(engine.check("identity:get_user", Map.of(), roles("cloud_admin")), "defaults see the overridden base rule");
        assertFalse(engine.check("identity:get_user", Map.of(), roles("admin")));
        assertTrue(engine.check("identity:list_users", Map.of("target.user.id", "u1"), Map.of("user_id", "u1")));
    }

    @Test
    void missingFileMeansDefaultsOnly() {
        PolicyEngine engine = PolicyEngine.load(DEFAULTS, directory.resolve("absent.yaml"));
        assertEquals(DEFAULTS.keySet(), engine.rules());
        assertTrue(engine.check("identity:get_user", Map.of(), roles("admin")));
        assertEquals(DEFAULTS.keySet(), PolicyEngine.load(DEFAULTS, null).rules());
    }

    @Test
    void emptyDocumentsHaveNoRules() {
        assertEquals(Map.of(), read(""));
        assertEquals(Map.of(), read("# only a comment\n"));
        assertEquals(Map.of(), read("{}"));
    }

    @Test
    void legacyListOfListsSyntax() {
        Map<String, String> rules = read("""
                {"a": [["role:admin"], ["project_id:%(project_id)s", "role:member"]],
                 "allow": [], "deny": [[]], "bare": ["role:x"]}
                """);
        assertEquals("(role:admin) or (project_id:%(project_id)s and role:member)", rules.get("a"));
        assertEquals("", rules.get("allow"));
        assertEquals("!", rules.get("deny"));
        PolicyEngine engine = new PolicyEngine(rules, Map.of());
        assertTrue(engine.check("a", Map.of("project_id", "p1"), Map.of("project_id", "p1", "roles", List.of("member"))));
        assertFalse(engine.check("a", Map.of("project_id", "p2"), Map.of("project_id", "p1", "roles", List.of("member"))));
        assertTrue(engine.check("allow", Map.of(), Map.of()));
        assertFalse(engine.check("deny", Map.of(), roles("admin")));
        assertTrue(engine.check("bare", Map.of(), roles("x")));
    }

    @Test
    void unparsableRuleInAFileNamesTheRule() throws IOException {
        Path file = Files.writeString(directory.resolve("policy.yaml"), "\"identity:get_user\": \"role:a or\"\n");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PolicyEngine.load(DEFAULTS, file));
        assertTrue(error.getMessage().contains("identity:get_user"), error.getMessage());
    }

    @Test
    void malformedDocumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> read("- a\n- b\n"));
        assertThrows(IllegalArgumentException.class, () -> read("{\"a\": "));
        assertThrows(IllegalArgumentException.class, () -> read("a: [1]\n"));
        IllegalArgumentException nullRule = assertThrows(IllegalArgumentException.class, () -> read("identity:x:\n"));
        assertTrue(nullRule.getMessage().contains("identity:x"), nullRule.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read("a: true\n"));
        assertThrows(IllegalArgumentException.class, () -> read("a: '@'\na: '!'\n"), "duplicate names are ambiguous");
    }
}
