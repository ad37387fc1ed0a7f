package org.netwright.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class AntPatternsTest {
    @Test
    void doubleStarIsAnyNumberOfFoldersNoneIncluded() {
        AntPatterns p = new AntPatterns(List.of("**/*.nwp"), List.of("drafts/**", "**/*-old.nwp"));
        assertTrue(p.matches("gateway.nwp"));
        assertTrue(p.matches("sites/berlin/gateway.nwp"));
        assertFalse(p.matches("gateway.nwp.layout"));
        assertFalse(p.matches("drafts/new.nwp"));
        assertFalse(p.matches("sites/gateway-old.nwp"));
    }

    @Test
    void starAndQuestionMarkStayInOneFolderAndOtherCharactersAreLiteral() {
        AntPatterns p = new AntPatterns(List.of("site?/*.nwp", "a+b/"), List.of());
        assertTrue(p.matches("site1/x.nwp"));
        assertFalse(p.matches("site1/deep/x.nwp"));
        assertFalse(p.matches("site10/x.nwp"));
        assertTrue(p.matches("a+b/c/d.nwp"), "a folder pattern takes everything below it");
        assertFalse(p.matches("aab/c.nwp"));
    }
}
