package org.netwright.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /** The column of every kind of value is where it starts, whatever Gson had consumed when it reported it. */
    @Test
    void everyKindOfValueStartsWhereItIsWritten() throws Exception {
        String text = "[\n 12, 3.5, -7, true, false, null, \"s\", {\"k\": 100000000000}, []]";
        Json.Value v = Json.parse(text);
        String line = text.split("\n")[1];
        for (Json.Value item : v.items()) {
            assertEquals(2, item.line(), item.path());
            String written = item.isObject() ? "{" : item.isArray() ? "[" : item.isString() ? "\"s\"" : item.isNull() ? "null" : item.text();
            assertEquals(line.indexOf(written) + 1, item.column(), item.path() + " " + written);
        }
        Json.Value big = v.items().get(7).get("k");
        assertEquals(line.indexOf("100000000000") + 1, big.column());
        assertEquals(1, v.column());
        assertEquals("$[7].k", big.path());
        assertEquals("$[\"odd name\"]", Json.parse("{\"odd name\": 1}").get("odd name").path());
    }

    /** Positions after strings and names with escaped quotes and backslashes, CRLF line ends and a byte order mark. */
    @Test
    void positionsSurviveEscapesLineEndsAndAByteOrderMark() throws Exception {
        String text = "\ufeff{\"a\\\"b\": \"x\\\\\",\r\n\t\"c\" :\r\n [ \"\\\"\" , 1e-2 ]}";
        Json.Value v = Json.parse(text);
        assertEquals(1, v.column());
        Json.Value ab = v.get("a\"b");
        assertEquals("x\\", ab.text());
        assertEquals("1:10", ab.line() + ":" + ab.column());
        assertEquals("$[\"a\\\"b\"]", ab.path());
        Json.Value c = v.get("c");
        assertEquals("3:2", c.line() + ":" + c.column());
        assertEquals("3:4", c.items().get(0).line() + ":" + c.items().get(0).column());
        assertEquals("3:11", c.items().get(1).line() + ":" + c.items().get(1).column());
        assertEquals("$.c[1]", c.items().get(1).path());
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
        assertEquals("unexpected '\"': expected ',' or '}' in the object", e.getMessage());
        assertThrows(Json.ParseException.class, () -> Json.parse("[1] x"));
        assertThrows(Json.ParseException.class, () -> Json.parse(""));
        assertThrows(Json.ParseException.class, () -> Json.parse("[01x]"));
    }

    /** Messages in our words at the offending character, never Gson's advice on its own API. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                          | 1:1 | empty input: expected a JSON value",
        "`[1] x`                     | 1:5 | unexpected 'x': after the end of the JSON value",
        "`{} {}`                     | 1:4 | unexpected '{': after the end of the JSON value",
        "`{\"a\": tru }`             | 1:7 | invalid literal 'tru'",
        "`[1, 2`                     | 1:6 | unexpected end of input (truncated?): array not closed",
        "`{\"a\" 1}`                 | 1:6 | unexpected '1': expected ':' after the member name",
        "`{\"a\": 1,, \"b\": 2}`     | 1:9 | unexpected ',': expected a member name in double quotes",
        "`{a: 1}`                    | 1:2 | unexpected 'a': expected a member name in double quotes",
        "`[1,]`                      | 1:4 | unexpected ']': expected a value",
        "`[1 2]`                     | 1:4 | unexpected '2': expected ',' or ']' in the array",
        "`[NaN]`                     | 1:2 | invalid literal 'NaN'",
        "`[01]`                      | 1:2 | invalid number '01'",
        "`[1.]`                      | 1:2 | invalid number '1.'",
        "`[\"a\\x\"]`                | 1:4 | invalid escape sequence in a string",
        "`[\"abc`                    | 1:6 | unexpected end of input (truncated?) inside a string",
        "`{\"a\":`                   | 1:6 | unexpected end of input (truncated?): expected the value of \"a\"",
        "`// c\n[1]`                 | 1:1 | unexpected '/': expected a value"})
    void malformedJsonIsDescribedAtTheOffendingCharacter(String text, String where, String message) {
        Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse(text.replace("\\n", "\n")));
        assertEquals(where, e.line() + ":" + e.column(), e.getMessage());
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertFalse(e.getMessage().contains("JsonReader") || e.getMessage().contains("Strictness"), e.getMessage());
    }

    @Test
    void aControlCharacterInAStringIsAnError() {
        Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse("[\"a\u0001b\"]"));
        assertTrue(e.getMessage().startsWith("control character in a string"), e.getMessage());
    }

    /** 5 000 opening brackets (issue 18: a stack overflow with a thousand-line trace) end in one located error. */
    @Test
    void deepNestingIsRefusedAtItsLimitWithoutRecursion() {
        String deep = "[".repeat(5000);
        Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse(deep));
        assertEquals("nested deeper than 256 levels", e.getMessage());
        assertEquals(1, e.line());
        assertEquals(257, e.column());
        Json.ParseException handWritten = assertThrows(Json.ParseException.class,
                () -> Json.parse("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}", Json.Limits.HAND_WRITTEN));
        assertEquals("nested deeper than 64 levels", handWritten.getMessage());
    }

    @Test
    void theNumberOfValuesIsBounded() throws Exception {
        Json.Limits few = new Json.Limits(10, 3, false);
        assertEquals(2, Json.parse("[1, 2]", few).items().size());
        Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse("[1, 2, 3]", few));
        assertEquals("more than 3 values", e.getMessage());
        assertEquals(8, e.column());
    }

    @Test
    void repeatedMembersAreKeptLastOrRefused() throws Exception {
        assertEquals("2", Json.parse("{\"a\": 1, \"a\": 2}").str("a"));
        Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse("{\"a\": 1,\n \"a\": 2}", Json.Limits.HAND_WRITTEN));
        assertEquals("duplicate member \"a\"", e.getMessage());
        assertEquals("2:2", e.line() + ":" + e.column());
    }

    @Test
    void quotingAndCompactTextRoundTrip() throws Exception {
        String s = "tab\t quote\" back\\ ctl\u0001 <html> \u00e9";
        assertEquals(s, Json.parse(Json.quote(s)).text());
        assertEquals("\"<a>\"", Json.quote("<a>"));
        assertNull(Json.parse("null").text());
        InputException in = assertThrows(Json.ParseException.class, () -> Json.parse("{\"a\": [1,,]}")).in("f.json");
        assertEquals("f.json:1:10: unexpected ',': expected a value (at $.a)", in.describe());
    }
}
