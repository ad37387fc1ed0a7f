package org.netwright.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsValuesWithPositionsAndPaths() throws Exception {
        Json.Value v = Json.parse("{\n  \"a\": [1, -2.5e3, \"x\\u00e9\\n\"],\n  \"b\": {\"t\": true, \"n\": null}\n}");
        Json.Value a = v.get("a");
        assertEquals(3, a.items().size());
        assertEquals("-2.5e3", a.items().get(1).text());
        assertEquals("x\u00e9\n", a.items().get(2).text());
        assertEquals("$.a[2]", a.items().get(2).path());
        assertEquals(2, a.items().get(2).line());
        assertEquals(20, a.items().get(2).column());
        assertTrue(v.get("b").get("t").bool());
        assertTrue(v.get("b").get("n").isNull());
        assertEquals("{\"a\":[1,-2.5e3,\"x\u00e9\\n\"],\"b\":{\"t\":true,\"n\":null}}", v.compact());
    }

    @Test
    void truncatedInputKeepsTheCompletePartAndSaysWhere() {
        String text = "{\"nftables\": [\n {\"table\": {\"family\": \"ip\", \"name\": \"t\"}},\n {\"chain\": {\"family\": \"ip\", \"tab";
        Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse(text));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertEquals("$.nftables[1].chain", e.path());
        Json.Value partial = e.partial();
        assertFalse(partial.complete());
        assertEquals(2, partial.get("nftables").items().size());
        assertTrue(partial.get("nftables").items().get(0).complete());
        assertFalse(partial.get("nftables").items().get(1).complete());
    }

    @Test
    void syntaxErrorsNameLineColumnAndPath() {
        Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse("[\n  {\"a\": 1 \"b\": 2}\n]"));
        assertEquals(2, e.line());
        assertEquals(11, e.column());
        assertEquals("$[0]", e.path());
        assertThrows(Json.ParseException.class, () -> Json.parse("[1] x"));
        assertThrows(Json.ParseException.class, () -> Json.parse(""));
        assertThrows(Json.ParseException.class, () -> Json.parse("[01x]"));
    }
}
