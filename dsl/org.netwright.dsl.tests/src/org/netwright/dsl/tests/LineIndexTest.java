package org.netwright.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.eclipse.xtext.ide.server.Document;
import org.junit.jupiter.api.Test;
import org.netwright.dsl.ide.server.LineIndex;

/** {@link LineIndex} gives the positions Xtext's {@link Document} gives, at every offset, without its linear scan. */
class LineIndexTest {

    @Test
    void samePositionsAsTheDocumentAtEveryOffset() {
        Random random = new Random(18);
        for (int round = 0; round < 20; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(200);
            for (int i = 0; i < length; i++) {
                text.append("ab\n\r\t{}".charAt(random.nextInt(7)));
            }
            Document document = new Document(1, text.toString());
            LineIndex index = new LineIndex(text.toString());
            for (int offset = 0; offset <= text.length(); offset++) {
                assertEquals(document.getPosition(offset), index.position(offset), "offset " + offset + " of " + text);
                assertEquals(document.getPosition(offset).getLine(), index.line(offset));
            }
            assertEquals(text.chars().filter(c -> c == '\n').count() + 1, index.lineCount());
        }
    }

    @Test
    void offsetsOutsideTheTextAreClamped() {
        LineIndex index = new LineIndex("a\nbc");
        assertEquals(index.position(0), index.position(-5));
        assertEquals(index.position(4), index.position(99));
        assertEquals(1, index.line(99));
    }
}
