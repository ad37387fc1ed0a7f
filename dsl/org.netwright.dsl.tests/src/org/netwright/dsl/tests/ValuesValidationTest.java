package org.netwright.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netwright.dsl.validation.IssueCodes;

/**
 * What the exporters and the engine would refuse is refused by validation first, at its position and in words
 * (issue 18: a prefix length of 33, a MAC mask byte of 65536, an MTU of 10^23, a namespace name of 1 MB, numbers
 * beyond 32 bits that check answered with Java's "For input string").
 */
class ValuesValidationTest {

    private static Issue error(String text, String code) {
        return Nwp.assertError(text, code);
    }

    /** Prefixes are typed values: the language's value converter refuses a bad one where it is read. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "route 10.1.0.0/33 dev eth0                         | '10.1.0.0/33' has an invalid prefix length (0..32)",
        "route 10.1.0.256/24 dev eth0                       | '10.1.0.256' is not an IPv4 address",
        "rule from 10.0.0.0/33 lookup main                  | '10.0.0.0/33' has an invalid prefix length (0..32)"})
    void routingPrefixes(String line, String message) {
        List<Issue> issues = Nwp.validate(Nwp.parse(Nwp.router(line + "\n")));
        Issue i = issues.stream().filter(x -> x.getMessage().startsWith(message)).findFirst()
                .orElseThrow(() -> new AssertionError(message + " in\n" + Nwp.describe(issues)));
        assertEquals(5, i.getLineNumber(), Nwp.describe(issues));
        assertEquals(org.eclipse.xtext.diagnostics.Severity.ERROR, i.getSeverity());
    }

    @Test
    void routingNumbers() {
        Issue i = error(Nwp.router("rule fwmark 0x100000000 lookup main\n"), IssueCodes.VALUE_OUT_OF_RANGE);
        assertTrue(i.getMessage().startsWith("Fwmark 4294967296 is out of range (0..4294967295, 0xffffffff)"), i.getMessage());
        assertEquals(5, i.getLineNumber());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ip saddr 10.1.0.0/33 accept                                  | '10.1.0.0/33' is not an IPv4 address or prefix",
        "ip daddr 10.1.0.300 accept                                   | '10.1.0.300' is not an IPv4 address or prefix",
        "tcp dport 4294967296 accept                                  | 4294967296 is out of range (0..65535",
        "meta mark set 0x100000000                                    | 0x100000000 is out of range (0..4294967295",
        "ct mark 0xffffffffffffffffff accept                          | 0xffffffffffffffffff is out of range",
        "ether saddr & ff:ff:65536:00:00:00 == 0a:00:00:00:00:00 accept | Mask 'ff:ff:65536:00:00:00' is not a MAC address",
        "ip saddr 10.0.0.1 log prefix \"a \\\" quote\"                 | The log prefix holds a double quote"})
    void nftValues(String rule, String message) {
        String text = Nwp.nft("table ip t {\n\tchain c {\n\t\ttype filter hook forward priority 0;\n\t\t" + rule + "\n\t}\n}\n");
        List<Issue> issues = Nwp.validate(Nwp.parse(text));
        Issue i = issues.stream().filter(x -> x.getMessage().startsWith(message)).findFirst()
                .orElseThrow(() -> new AssertionError(message + " in\n" + Nwp.describe(issues)));
        assertEquals(9, i.getLineNumber(), Nwp.describe(issues));
        assertTrue(i.getCode().equals(IssueCodes.VALUE_OUT_OF_RANGE) || i.getCode().equals(IssueCodes.ADDRESS_INVALID)
                || i.getCode().equals(IssueCodes.TEXT_NOT_WRITABLE), i.getCode());
    }

    @Test
    void aNamedSetHoldsWhatItsTypeHolds() {
        Issue i = error(Nwp.nft("table inet t {\n\tset web {\n\t\ttype inet_service\n\t\telements = { 80, 65536 }\n\t}\n}\n"),
                IssueCodes.VALUE_OUT_OF_RANGE);
        assertEquals("65536 is out of range (0..65535, 0xffff)", i.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-A INPUT -p tcp --dport 65536 -j ACCEPT                 | port 65536 is out of range 0..65535",
        "-A INPUT -p tcp -m multiport --dports 80,70000 -j ACCEPT | port 70000 is out of range 0..65535",
        "-A INPUT -j MARK --set-mark 0x100000000                 | Mark 4294967296 is out of range",
        "-A INPUT -j LOG --log-prefix \"thirty characters long prefix!\" | The log prefix is 30 characters long; at most 29"})
    void iptablesValues(String rule, String message) {
        List<Issue> issues = Nwp.validate(Nwp.parse(Nwp.ipt("*filter\n:INPUT ACCEPT [0:0]\n" + rule + "\nCOMMIT\n")));
        assertTrue(issues.stream().anyMatch(x -> x.getMessage().startsWith(message) || x.getMessage().contains(message)),
                message + " in\n" + Nwp.describe(issues));
    }

    @Test
    void numbersBeyondTheirFieldsAreSaidInWordsAtTheirPosition() {
        List<Issue> issues = Nwp.validate(Nwp.parse("namespace a {\n\tinterface eth0 { mtu 100000000000000000000000 }\n}\n"));
        Issue i = issues.get(0);
        assertEquals(2, i.getLineNumber());
        assertEquals("the number 100000000000000000000000 is too large (at most 2147483647 in size)", i.getMessage());
        assertFalse(Nwp.describe(issues).contains("For input string"), Nwp.describe(issues));
        Issue spi = error("namespace a {\n\txfrm state src 10.0.0.1 dst 10.0.0.2 proto esp spi 0 mode tunnel\n}\n",
                IssueCodes.VALUE_OUT_OF_RANGE);
        assertEquals("SPI 0 is out of range (1..4294967295, 0xffffffff)", spi.getMessage());
    }

    @Test
    void aNamespaceNameOfAMegabyteIsTooLong() {
        Issue i = error("namespace " + "n".repeat(1_000_000) + " {\n}\n", IssueCodes.NAME_TOO_LONG);
        assertEquals("The namespace name is 1000000 characters long; at most 200 are allowed", i.getMessage());
        Issue chain = error(Nwp.nft("table ip t {\n\tchain " + "c".repeat(256) + " {\n\t}\n}\n"), IssueCodes.NAME_TOO_LONG);
        assertTrue(chain.getMessage().startsWith("The nft name is 256 characters long; at most 255"), chain.getMessage());
    }

    @Test
    void valuesWithinTheirFieldsPass() {
        Nwp.assertNoErrors(Nwp.validate(Nwp.parse(Nwp.nft("table ip t {\n\tchain c {\n\t\ttype filter hook forward priority 0;\n"
                + "\t\tip saddr 10.1.0.0/16 tcp dport { 80, 443, 8000-8080 } meta mark set 0xffffffff accept\n"
                + "\t\tether saddr & ff:ff:ff:00:00:00 == 0a:00:00:00:00:00 accept\n\t}\n}\n"))));
    }
}
