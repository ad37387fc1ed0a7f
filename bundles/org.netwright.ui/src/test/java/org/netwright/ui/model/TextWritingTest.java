package org.netwright.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.junit.jupiter.api.Test;

/** How a model change becomes text: replacements applied back to front, a file's header comments kept. */
class TextWritingTest {

    private static ITextReplacement replace(int offset, int length, String text) {
        return (ITextReplacement) java.lang.reflect.Proxy.newProxyInstance(TextWritingTest.class.getClassLoader(),
            new Class<?>[] { ITextReplacement.class }, (proxy, method, args) -> switch (method.getName()) {
                case "getOffset" -> offset;
                case "getLength" -> length;
                case "getEndOffset" -> offset + length;
                case "getReplacementText" -> text;
                default -> throw new UnsupportedOperationException(method.getName());
            });
    }

    @Test
    void replacementsApplyAgainstTheOriginalOffsets() {
        String text = "namespace a { }\nnamespace b { }\n";
        String out = OpenModel.applied(text, List.of(replace(10, 1, "alpha"), replace(26, 1, "beta")));
        assertEquals("namespace alpha { }\nnamespace beta { }\n", out);
    }

    @Test
    void headerCommentsSurviveAFullSerialization() {
        String before = "# my lab\n# two hosts\n\n";
        assertEquals("# my lab\n# two hosts\n\nnamespace ns { loopback lo }", OpenModel.keepLeadingComments(before, "namespace ns { loopback lo }"));
        assertEquals("namespace x {}", OpenModel.keepLeadingComments("namespace y {}", "namespace x {}"), "no header, nothing added");
        assertEquals("# h\nnamespace x {}", OpenModel.keepLeadingComments("# h\n", "# h\nnamespace x {}"), "kept already");
    }
}
