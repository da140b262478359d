package io.strato.platform.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One evaluation of a rule against a target and credentials; not thread-safe, used once. */
final class Evaluation {

    private final Map<String, Rule> rules;
    private final Map<String, Object> target;
    private final Map<String, Object> credentials;
    /** Names of the rules being evaluated, outermost first; a reference back into it is a loop. */
    private final List<String> activeRules = new ArrayList<>(4);

    Evaluation(Map<String, Rule> rules, Map<String, Object> target, Map<String, Object> credentials) {
        this.rules = rules;
        this.target = target;
        this.credentials = credentials;
    }

    /** Evaluates the rule called {@code name}; unknown names and loops evaluate to false. */
    boolean evaluateNamed(String name) {
        Rule rule = rules.get(name);
        if (rule == null || activeRules.contains(name)) {
            return false;
        }
        activeRules.add(name);
        try {
            return evaluate(rule);
        } finally {
            activeRules.remove(activeRules.size() - 1);
        }
    }

    private boolean evaluate(Rule rule) {
        return switch (rule) {
            case Rule.Always always -> true;
            case Rule.Never never -> false;
            case Rule.AllOf allOf -> allPass(allOf.rules());
            case Rule.AnyOf anyOf -> anyPasses(anyOf.rules());
            case Rule.Not not -> !evaluate(not.rule());
            case Rule.RuleReference reference -> evaluateNamed(reference.name());
            case Rule.RoleCheck roleCheck -> hasRole(roleCheck.role().render(target));
            case Rule.CredentialCheck check -> {
                String expected = check.expected().render(target);
                if (isLiteralNone(check)) {
                    // Keystone's "domain_id:None" asks whether the caller has no such attribute
                    // (e.g. the token is not domain-scoped); only a literal None may match null.
                    Object value = Values.lookup(credentials, check.path());
                    yield value == null || value == Values.MISSING;
                }
                yield expected != null && Values.credentialMatches(credentials, check.path(), expected);
            }
            case Rule.LiteralCheck check -> check.literal().equals(check.expected().render(target));
            case Rule.UnsupportedCheck unsupported -> false;
        };
    }

    private static boolean isLiteralNone(Rule.CredentialCheck check) {
        return check.expected().targetKeys().isEmpty() && check.expected().literals().size() == 1
                && "None".equals(check.expected().literals().get(0));
    }

    private boolean allPass(List<Rule> required) {
        for (Rule rule : required) {
            if (!evaluate(rule)) {
                return false;
            }
        }
        return true;
    }

    private boolean anyPasses(List<Rule> alternatives) {
        for (Rule rule : alternatives) {
            if (evaluate(rule)) {
                return true;
            }
        }
        return false;
    }

    private boolean hasRole(String wanted) {
        if (wanted == null) {
            return false;
        }
        Object roles = credentials.get("roles");
        if (roles instanceof String single) {
            return single.equalsIgnoreCase(wanted);
        }
        if (roles instanceof Iterable<?> names) {
            for (Object name : names) {
                if (name instanceof String role && role.equalsIgnoreCase(wanted)) {
                    return true;
                }
            }
        }
        return false;
    }
}
