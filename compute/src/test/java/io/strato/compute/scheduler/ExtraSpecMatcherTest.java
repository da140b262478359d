package io.strato.compute.scheduler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExtraSpecMatcherTest {
    @Test
    void plainValuesCompareAsStrings() {
        assertTrue(ExtraSpecMatcher.matches("true", "true"));
        assertFalse(ExtraSpecMatcher.matches("True", "true"));
        assertFalse(ExtraSpecMatcher.matches(null, "true"));
    }

    @Test
    void numericOperators() {
        assertTrue(ExtraSpecMatcher.matches("24", "= 16"));
        assertFalse(ExtraSpecMatcher.matches("8", "= 16"));
        assertTrue(ExtraSpecMatcher.matches("16", "== 16.0"));
        assertTrue(ExtraSpecMatcher.matches("8", "<= 16"));
        assertTrue(ExtraSpecMatcher.matches("8", "!= 16"));
        assertFalse(ExtraSpecMatcher.matches("many", ">= 16"));
    }

    @Test
    void stringAndSetOperators() {
        assertTrue(ExtraSpecMatcher.matches("abc", "s== abc"));
        assertTrue(ExtraSpecMatcher.matches("abd", "s> abc"));
        assertTrue(ExtraSpecMatcher.matches("avx avx2 sse", "<in> avx2"));
        assertTrue(ExtraSpecMatcher.matches("avx avx2 sse", "<all-in> avx sse"));
        assertFalse(ExtraSpecMatcher.matches("avx sse", "<all-in> avx avx512"));
        assertTrue(ExtraSpecMatcher.matches("b", "<or> a <or> b <or> c"));
        assertFalse(ExtraSpecMatcher.matches("d", "<or> a <or> b <or> c"));
    }
}
