package io.strato.platform.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The value side of a check: literal text with Python-style {@code %(key)s} placeholders that
 * are substituted from the target. {@code literals} has exactly one more element than
 * {@code targetKeys}; they interleave as literal, key, literal, ..., literal.
 */
public record Template(List<String> literals, List<String> targetKeys) {

    public Template {
        literals = List.copyOf(literals);
        targetKeys = List.copyOf(targetKeys);
        if (literals.size() != targetKeys.size() + 1) {
            throw new IllegalArgumentException("a template needs one more literal than keys");
        }
    }

    /** Parses {@code text}; {@code %%} is a literal percent sign, any other {@code %} must start {@code %(key)s}. */
    public static Template parse(String text) {
        List<String> literals = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int position = 0;
        while (position < text.length()) {
            char current = text.charAt(position);
            if (current != '%') {
                literal.append(current);
                position++;
            } else if (text.startsWith("%%", position)) {
                literal.append('%');
                position += 2;
            } else if (text.startsWith("%(", position)) {
                int close = closingParenthesis(text, position + 1);
                if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != 's') {
                    throw new IllegalArgumentException("malformed substitution in '" + text + "' (expected %(key)s)");
                }
                literals.add(literal.toString());
                literal.setLength(0);
                keys.add(text.substring(position + 2, close));
                position = close + 2;
            } else {
                throw new IllegalArgumentException("stray '%' in '" + text + "' (write %% for a literal percent sign)");
            }
        }
        literals.add(literal.toString());
        return new Template(literals, keys);
    }

    /** The substituted text, or {@code null} when the target lacks one of the keys. */
    public String render(Map<String, Object> target) {
        if (targetKeys.isEmpty()) {
            return literals.get(0);
        }
        StringBuilder rendered = new StringBuilder(literals.get(0));
        for (int index = 0; index < targetKeys.size(); index++) {
            Object value = Values.lookup(target, targetKeys.get(index));
            if (value == Values.MISSING) {
                return null;
            }
            rendered.append(Values.render(value)).append(literals.get(index + 1));
        }
        return rendered.toString();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(literals.get(0).replace("%", "%%"));
        for (int index = 0; index < targetKeys.size(); index++) {
            text.append("%(").append(targetKeys.get(index)).append(")s").append(literals.get(index + 1).replace("%", "%%"));
        }
        return text.toString();
    }

    /** Python allows nested parentheses inside a mapping key; returns the index of the matching ')' or -1. */
    private static int closingParenthesis(String text, int open) {
        int depth = 0;
        for (int index = open; index < text.length(); index++) {
            char current = text.charAt(index);
            if (current == '(') {
                depth++;
            } else if (current == ')' && --depth == 0) {
                return index;
            }
        }
        return -1;
    }
}
