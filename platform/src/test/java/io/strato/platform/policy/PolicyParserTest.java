package io.strato.platform.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyParserTest {

    private static Rule role(String name) {
        return new Rule.RoleCheck(Template.parse(name));
    }

    @Test
    void specialRules() {
        assertEquals(new Rule.Always(), PolicyParser.parse(""));
        assertEquals(new Rule.Always(), PolicyParser.parse("@"));
        assertEquals(new Rule.Never(), PolicyParser.parse("!"));
    }

    @Test
    void andBindsTighterThanOr() {
        assertEquals(new Rule.AnyOf(List.of(role("a"), new Rule.AllOf(List.of(role("b"), role("c"))))),
                PolicyParser.parse("role:a or role:b and role:c"));
        assertEquals(new Rule.AnyOf(List.of(new Rule.AllOf(List.of(role("a"), role("b"))), role("c"))),
                PolicyParser.parse("role:a and role:b or role:c"));
    }

    @Test
    void notBindsTighterThanAnd() {
        assertEquals(new Rule.AllOf(List.of(new Rule.Not(role("a")), role("b"))),
                PolicyParser.parse("not role:a and role:b"));
        assertEquals(new Rule.Not(new Rule.AnyOf(List.of(role("a"), role("b")))),
                PolicyParser.parse("not (role:a or role:b)"));
        assertEquals(new Rule.Not(new Rule.Not(role("a"))), PolicyParser.parse("not not role:a"));
    }

    @Test
    void parenthesesGroupAndKeywordsIgnoreCase() {
        assertEquals(new Rule.AllOf(List.of(new Rule.AnyOf(List.of(role("a"), role("b"))), role("c"))),
                PolicyParser.parse("((role:a OR role:b)) And role:c"));
    }

    @Test
    void chainsFlattenIntoOneNode() {
        Rule rule = PolicyParser.parse("role:a or role:b or role:c");
        assertEquals(3, assertInstanceOf(Rule.AnyOf.class, rule).rules().size());
    }

    @Test
    void substitutionParenthesesStayInsideTheCheck() {
        assertEquals(new Rule.AllOf(List.of(role("a"), new Rule.CredentialCheck("project_id", Template.parse("%(project_id)s")))),
                PolicyParser.parse("(role:a and project_id:%(project_id)s)"));
        Template template = assertInstanceOf(Rule.CredentialCheck.class, PolicyParser.parse("user_id:%(target.user.id)s")).expected();
        assertEquals(List.of("target.user.id"), template.targetKeys());
    }

    @Test
    void checkKinds() {
        assertEquals(new Rule.RuleReference("admin_required"), PolicyParser.parse("rule:admin_required"));
        assertEquals(new Rule.CredentialCheck("token.domain.id", Template.parse("%(target.domain.id)s")),
                PolicyParser.parse("token.domain.id:%(target.domain.id)s"));
        assertEquals(new Rule.CredentialCheck("system_scope", Template.parse("all")), PolicyParser.parse("system_scope:all"));
        assertEquals(new Rule.LiteralCheck("True", Template.parse("%(target.is_domain)s")), PolicyParser.parse("True:%(target.is_domain)s"));
        assertEquals(new Rule.LiteralCheck("True", Template.parse("%(target.is_domain)s")), PolicyParser.parse("'True':%(target.is_domain)s"));
        assertEquals(new Rule.LiteralCheck("member", Template.parse("%(role.name)s")), PolicyParser.parse("\"member\":%(role.name)s"));
        assertEquals(new Rule.LiteralCheck("None", Template.parse("%(x)s")), PolicyParser.parse("None:%(x)s"));
        assertEquals(new Rule.LiteralCheck("7", Template.parse("%(x)s")), PolicyParser.parse("+007:%(x)s"));
        assertEquals(new Rule.UnsupportedCheck("http", "//example.com/%(x)s"), PolicyParser.parse("http://example.com/%(x)s"));
        assertEquals(role("compute:admin"), PolicyParser.parse("role:compute:admin"));
    }

    @Test
    void templates() {
        Template template = Template.parse("a%%b-%(x.y)s-%(z)s");
        assertEquals(List.of("a%b-", "-", ""), template.literals());
        assertEquals(List.of("x.y", "z"), template.targetKeys());
        assertEquals("a%%b-%(x.y)s-%(z)s", template.toString());
        assertEquals(List.of("f(a)"), Template.parse("%(f(a))s").targetKeys());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "(role:a", "role:a)", "role:a and", "or role:a", "role:a role:b", "not", "()", "admin",
        "'quoted'", "   ", "rule:", ":value", "x:%(y", "x:%(y)d", "x:50%", "role:a and and role:b"})
    void malformedRulesAreRejected(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PolicyParser.parse(text));
        assertTrue(error.getMessage().contains(text), error.getMessage());
    }
}
