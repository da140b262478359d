package io.strato.platform.policy;

import java.util.List;

/**
 * A parsed oslo.policy rule: checks combined with {@code and}, {@code or} and {@code not}.
 * Produced by {@link PolicyParser}; evaluated by {@link PolicyEngine}.
 */
public sealed interface Rule {

    /** {@code @} or the empty rule: always passes. */
    record Always() implements Rule {
    }

    /** {@code !}: never passes. */
    record Never() implements Rule {
    }

    /** {@code a and b and ...}: passes when every rule passes. */
    record AllOf(List<Rule> rules) implements Rule {
        public AllOf {
            rules = List.copyOf(rules);
        }
    }

    /** {@code a or b or ...}: passes when at least one rule passes. */
    record AnyOf(List<Rule> rules) implements Rule {
        public AnyOf {
            rules = List.copyOf(rules);
        }
    }

    /** {@code not a}. */
    record Not(Rule rule) implements Rule {
    }

    /** {@code role:NAME}: the credentials' {@code roles} contain NAME, ignoring case. */
    record RoleCheck(Template role) implements Rule {
    }

    /** {@code rule:NAME}: evaluates another named rule; an unknown name or a loop fails. */
    record RuleReference(String name) implements Rule {
    }

    /**
     * {@code KEY:VALUE}: the credential at the dotted path KEY, rendered as text, equals VALUE
     * (or, when the credential is a list, one of its elements does).
     */
    record CredentialCheck(String path, Template expected) implements Rule {
    }

    /** {@code LITERAL:VALUE}, e.g. {@code True:%(target.is_domain)s}: the literal's text equals VALUE. */
    record LiteralCheck(String literal, Template expected) implements Rule {
    }

    /** A check kind Strato does not implement, such as {@code http:}; always fails. */
    record UnsupportedCheck(String kind, String match) implements Rule {
    }
}
