package io.strato.compute.scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Nova's {@code extra_specs_ops.match}: whether a host-side value satisfies a flavor extra spec's
 * requirement. A requirement is either a plain value (string equality) or an operator and operands:
 * {@code = 4} (numeric at least), {@code == 4}, {@code != 4}, {@code >= 4}, {@code <= 4},
 * {@code s== x}, {@code s!= x}, {@code s< x}, {@code s<= x}, {@code s> x}, {@code s>= x},
 * {@code <in> x} (substring), {@code <all-in> x y} (every word is a substring),
 * {@code <or> x <or> y} (equals any).
 */
public final class ExtraSpecMatcher {
    private static final List<String> OPERATORS = List.of("=", "<in>", "<all-in>", "==", "!=", ">=", "<=",
            "s==", "s!=", "s<", "s<=", "s>", "s>=", "<or>");

    private ExtraSpecMatcher() {
    }

    public static boolean matches(String value, String requirement) {
        List<String> words = new ArrayList<>(Arrays.asList(requirement.trim().split("\\s+")));
        String operator = words.isEmpty() ? "" : words.getFirst();
        if (!OPERATORS.contains(operator)) {
            return requirement.equals(value);
        }
        if (value == null) {
            return false;
        }
        words.removeFirst();
        if (operator.equals("<or>")) {
            for (int i = 0; i < words.size(); i += 2) {
                if (words.get(i).equals(value)) {
                    return true;
                }
            }
            return false;
        }
        if (words.isEmpty()) {
            return false;
        }
        String operand = words.getFirst();
        return switch (operator) {
            case "<in>" -> value.contains(operand);
            case "<all-in>" -> words.stream().allMatch(value::contains);
            case "s==" -> value.equals(operand);
            case "s!=" -> !value.equals(operand);
            case "s<" -> value.compareTo(operand) < 0;
            case "s<=" -> value.compareTo(operand) <= 0;
            case "s>" -> value.compareTo(operand) > 0;
            case "s>=" -> value.compareTo(operand) >= 0;
            default -> compareNumbers(operator, value, operand);
        };
    }

    private static boolean compareNumbers(String operator, String value, String operand) {
        double left;
        double right;
        try {
            left = Double.parseDouble(value.trim());
            right = Double.parseDouble(operand);
        } catch (NumberFormatException e) {
            return false;
        }
        return switch (operator) {
            case "=", ">=" -> left >= right;
            case "==" -> left == right;
            case "!=" -> left != right;
            case "<=" -> left <= right;
            default -> false;
        };
    }
}
