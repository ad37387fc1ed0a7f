package org.netwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MiniJsonTest {
    @Test
    void parsesIntoPlainValues() throws Exception {
        String text = "{\"a\": [1, -2.5, true, null, \"x\\ny\\u0041\"], \"b\": {}}";
        Object v = MiniJson.parse(text);
        assertEquals(Map.of("a", java.util.Arrays.asList(1L, -2.5, true, null, "x\nyA"), "b", Map.of()), v);
        assertEquals(List.of(), MiniJson.parse(" [ ] "));
    }

    @Test
    void errorsCarryLineAndColumn() {
        MiniJson.ParseException e = assertThrows(MiniJson.ParseException.class, () -> MiniJson.parse("{\n \"a\": tru }"));
        assertEquals("2:7", e.where());
        e = assertThrows(MiniJson.ParseException.class, () -> MiniJson.parse("[1, 2"));
        assertEquals("unexpected end of input (truncated?): array not closed", e.getMessage());
        e = assertThrows(MiniJson.ParseException.class, () -> MiniJson.parse("{\"a\":1,\"a\":2}"));
        assertEquals("duplicate member \"a\"", e.getMessage());
        e = assertThrows(MiniJson.ParseException.class, () -> MiniJson.parse("{} x"));
        assertEquals("1:4", e.where());
    }
}
