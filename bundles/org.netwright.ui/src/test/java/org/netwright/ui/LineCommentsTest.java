package org.netwright.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LineCommentsTest {

    @Test
    void commentsEveryLineKeepingIndentAndTogglesBack() {
        String source = "  route default via 10.0.0.1\n\n  rule from 10.0.0.0/24 lookup 100";
        String commented = LineComments.toggle(source);
        assertEquals("  # route default via 10.0.0.1\n\n  # rule from 10.0.0.0/24 lookup 100", commented);
        assertEquals(source, LineComments.toggle(commented));
    }

    @Test
    void mixedSelectionIsCommentedNotUncommented() {
        assertEquals("# # a\n# b", LineComments.toggle("# a\nb"));
    }
}
