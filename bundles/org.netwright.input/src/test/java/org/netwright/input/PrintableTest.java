package org.netwright.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class PrintableTest {
    @Test
    void controlsAreEscapedAndPlainTextIsKept() {
        String plain = "unknown match -m geoip (caf\u00e9)";
        assertSame(plain, Printable.escape(plain));
        assertEquals("-m \\u001b[31mred\\t\\n\\u0007 \\u202eevil", Printable.escape("-m \u001b[31mred\t\n\u0007 \u202eevil"));
        assertEquals("\\u009b \\u007f", Printable.escape("\u009b \u007f"));
    }
}
