package io.strato.platform.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Enforces oslo.policy-style rules. Rules are parsed once at construction; an instance is
 * immutable and safe to share between threads.
 *
 * <p>Credentials are the caller's attributes ({@code user_id}, {@code project_id},
 * {@code domain_id}, {@code system_scope}, {@code roles}, ...), looked up by the left side of
 * checks. The target describes the object acted on and fills {@code %(key)s} substitutions;
 * keys may be flat ({@code "target.user.id"}) or nested maps.
 */
public final class PolicyEngine {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Map<String, Rule> rules;

    /** Parses {@code defaults} with {@code overrides} applied on top (an override replaces a default's text). */
    public PolicyEngine(Map<String, String> defaults, Map<String, String> overrides) {
        Map<String, String> texts = new LinkedHashMap<>(defaults);
        texts.putAll(overrides);
        Map<String, Rule> parsed = new HashMap<>();
        texts.forEach((name, text) -> {
            if (text == null) {
                throw new IllegalArgumentException("policy rule '" + name + "' has no rule text");
            }
            try {
                parsed.put(name, PolicyParser.parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("policy rule '" + name + "' is invalid: " + e.getMessage(), e);
            }
        });
        this.rules = Map.copyOf(parsed);
    }

    /** The defaults overridden by the rules in a YAML or JSON policy file; a null or missing file means defaults only. */
    public static PolicyEngine load(Map<String, String> defaults, Path policyFileOrNull) {
        if (policyFileOrNull == null || !Files.exists(policyFileOrNull)) {
            return new PolicyEngine(defaults, Map.of());
        }
        try (InputStream input = Files.newInputStream(policyFileOrNull)) {
            return new PolicyEngine(defaults, readRules(input));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy file " + policyFileOrNull, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(policyFileOrNull + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a policy document, a YAML or JSON object of {@code "name": "rule"}. A rule may also be
     * given in the legacy list-of-lists form ({@code [["a", "b"], ["c"]]} means {@code (a and b) or (c)}).
     * An empty document has no rules.
     */
    public static Map<String, String> readRules(InputStream yamlOrJson) {
        JsonNode document;
        try {
            byte[] bytes = yamlOrJson.readAllBytes();
            String text = new String(bytes, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                return Map.of();
            }
            document = (text.startsWith("{") ? JSON : YAML).readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed policy document: " + e.getMessage(), e);
        }
        if (document == null || document.isNull() || document.isMissingNode()) {
            return Map.of();
        }
        if (!document.isObject()) {
            throw new IllegalArgumentException("a policy document must be a mapping of rule names to rules");
        }
        Map<String, String> rules = new LinkedHashMap<>();
        document.fields().forEachRemaining(entry -> rules.put(entry.getKey(), ruleText(entry.getKey(), entry.getValue())));
        return rules;
    }

    /** Whether the rule for {@code action} passes; an unknown action is denied. Null maps count as empty. */
    public boolean check(String action, Map<String, Object> target, Map<String, Object> credentials) {
        return action != null && new Evaluation(rules, target == null ? Map.of() : target, credentials == null ? Map.of() : credentials)
                .evaluateNamed(action);
    }

    /** Like {@link #check} but throws {@link PolicyDeniedException} on denial. */
    public void enforce(String action, Map<String, Object> target, Map<String, Object> credentials) {
        if (!check(action, target, credentials)) {
            throw new PolicyDeniedException(action);
        }
    }

    /** The names of all rules (defaults and overrides). */
    public Set<String> rules() {
        return rules.keySet();
    }

    private static String ruleText(String name, JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isArray()) {
            return legacyRuleText(name, value);
        }
        throw new IllegalArgumentException("policy rule '" + name + "' must be a string, not " + value.getNodeType());
    }

    /** Translates {@code [["a", "b"], ["c"]]} into {@code (a and b) or (c)}; [] allows, [[]] denies. */
    private static String legacyRuleText(String name, JsonNode alternatives) {
        if (alternatives.isEmpty()) {
            return "";
        }
        List<String> anyOf = new ArrayList<>();
        for (JsonNode alternative : alternatives) {
            List<String> allOf = new ArrayList<>();
            for (JsonNode check : alternative.isArray() ? alternative : List.of(alternative)) {
                if (!check.isTextual() || check.textValue().isBlank()) {
                    throw new IllegalArgumentException("policy rule '" + name + "' has a malformed list entry: " + check);
                }
                allOf.add(check.textValue());
            }
            if (!allOf.isEmpty()) {
                anyOf.add("(" + String.join(" and ", allOf) + ")");
            }
        }
        return anyOf.isEmpty() ? "!" : String.join(" or ", anyOf);
    }
}
