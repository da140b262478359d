package io.strato.platform.policy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses oslo.policy's rule language into a {@link Rule} tree.
 *
 * <p>Tokens are separated by whitespace; leading {@code (} and trailing {@code )} characters of
 * a token are split off as parentheses (so a check's own value may contain parentheses, as in
 * {@code %(project_id)s}, except at its very end). {@code and}, {@code or} and {@code not} are
 * case-insensitive keywords with precedence not &gt; and &gt; or. Unlike oslo.policy, which
 * silently turns a malformed rule into "deny", this parser throws {@link IllegalArgumentException}.
 */
public final class PolicyParser {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private enum Kind { OPEN, CLOSE, AND, OR, NOT, CHECK }

    private record Token(Kind kind, String text) {
    }

    private final String source;
    private final List<Token> tokens;
    private int position;

    private PolicyParser(String source, List<Token> tokens) {
        this.source = source;
        this.tokens = tokens;
    }

    /** Parses rule text; the empty string means "always". */
    public static Rule parse(String text) {
        if (text.isEmpty()) {
            return new Rule.Always();
        }
        PolicyParser parser = new PolicyParser(text, tokenize(text));
        if (parser.tokens.isEmpty()) {
            throw parser.error("a blank rule is not allowed (use \"\" or \"@\" to always allow)");
        }
        Rule rule = parser.parseOr();
        if (parser.position < parser.tokens.size()) {
            throw parser.error("unexpected '" + parser.tokens.get(parser.position).text() + "'");
        }
        return rule;
    }

    private Rule parseOr() {
        List<Rule> alternatives = new ArrayList<>();
        alternatives.add(parseAnd());
        while (accept(Kind.OR)) {
            alternatives.add(parseAnd());
        }
        return alternatives.size() == 1 ? alternatives.get(0) : new Rule.AnyOf(alternatives);
    }

    private Rule parseAnd() {
        List<Rule> required = new ArrayList<>();
        required.add(parseNot());
        while (accept(Kind.AND)) {
            required.add(parseNot());
        }
        return required.size() == 1 ? required.get(0) : new Rule.AllOf(required);
    }

    private Rule parseNot() {
        if (accept(Kind.NOT)) {
            return new Rule.Not(parseNot());
        }
        if (accept(Kind.OPEN)) {
            Rule inner = parseOr();
            if (!accept(Kind.CLOSE)) {
                throw error(position < tokens.size()
                        ? "expected ')' before '" + tokens.get(position).text() + "'"
                        : "missing ')'");
            }
            return inner;
        }
        if (position >= tokens.size()) {
            throw error("rule ends where a check was expected");
        }
        Token token = tokens.get(position++);
        if (token.kind() != Kind.CHECK) {
            throw error("unexpected '" + token.text() + "' where a check was expected");
        }
        return parseCheck(token.text());
    }

    private boolean accept(Kind kind) {
        if (position < tokens.size() && tokens.get(position).kind() == kind) {
            position++;
            return true;
        }
        return false;
    }

    private Rule parseCheck(String check) {
        if (check.equals("@")) {
            return new Rule.Always();
        }
        if (check.equals("!")) {
            return new Rule.Never();
        }
        if (isQuoted(check)) {
            throw error("a quoted string " + check + " is not a check");
        }
        int colon = check.indexOf(':');
        if (colon <= 0) {
            throw error("'" + check + "' is not a check (expected KIND:VALUE, '@' or '!')");
        }
        String kind = check.substring(0, colon);
        String match = check.substring(colon + 1);
        try {
            return switch (kind) {
                case "rule" -> {
                    if (match.isEmpty()) {
                        throw new IllegalArgumentException("'rule:' needs a rule name");
                    }
                    yield new Rule.RuleReference(match);
                }
                case "role" -> new Rule.RoleCheck(Template.parse(match));
                case "http", "https" -> new Rule.UnsupportedCheck(kind, match);
                default -> {
                    String literal = pythonLiteral(kind);
                    yield literal != null
                            ? new Rule.LiteralCheck(literal, Template.parse(match))
                            : new Rule.CredentialCheck(kind, Template.parse(match));
                }
            };
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** The text Python's str(ast.literal_eval(kind)) gives, or null when kind is not a literal. */
    private static String pythonLiteral(String kind) {
        if (isQuoted(kind)) {
            return kind.substring(1, kind.length() - 1);
        }
        if (kind.equals("True") || kind.equals("False") || kind.equals("None")) {
            return kind;
        }
        if (INTEGER.matcher(kind).matches()) {
            return new BigInteger(kind).toString();
        }
        return null;
    }

    private static boolean isQuoted(String text) {
        return text.length() >= 2
                && (text.charAt(0) == '\'' || text.charAt(0) == '"')
                && text.charAt(text.length() - 1) == text.charAt(0);
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        for (String word : WHITESPACE.split(text.strip())) {
            if (word.isEmpty()) {
                continue;
            }
            int start = 0;
            while (start < word.length() && word.charAt(start) == '(') {
                tokens.add(new Token(Kind.OPEN, "("));
                start++;
            }
            int end = word.length();
            while (end > start && word.charAt(end - 1) == ')') {
                end--;
            }
            if (end > start) {
                String body = word.substring(start, end);
                tokens.add(switch (body.toLowerCase(Locale.ROOT)) {
                    case "and" -> new Token(Kind.AND, body);
                    case "or" -> new Token(Kind.OR, body);
                    case "not" -> new Token(Kind.NOT, body);
                    default -> new Token(Kind.CHECK, body);
                });
            }
            for (int index = end; index < word.length(); index++) {
                tokens.add(new Token(Kind.CLOSE, ")"));
            }
        }
        return tokens;
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("cannot parse policy rule \"" + source + "\": " + problem);
    }
}
