package org.netwright.dsl.parser;

import org.antlr.runtime.CharStream;
import org.antlr.runtime.RecognizerSharedState;
import org.antlr.runtime.Token;
import org.netwright.model.semantics.IpAddress;

/**
 * Where IPv6 text starts a token. IPv6 text shares its characters with MAC addresses (0a:00:00:00:01:00), an address
 * and a port (10.0.0.1:80), qualified names (ns:eth0), hex words and counters ([0:0]); which one it is shows only
 * at the end of the run of hex digits, ':' and '.', further than a generated lexer looks. The language's lexers ask
 * here first: a run that is an IPv6 address (RFC 4291 text) is one IPV6_TEXT token, anything else is lexed as before.
 */
public final class Ipv6Text {

    /** The longest run looked at: an address (at most 45 characters) and a separator or two after it. */
    private static final int LONGEST = 48;

    private Ipv6Text() {
    }

    /**
     * Makes the IPv6 address that starts at the stream's position the lexer's token of {@code type} (its IPV6_TEXT):
     * whether there was one; when not, nothing is consumed and the generated rules lex as before.
     */
    public static boolean lex(CharStream input, RecognizerSharedState state, int type) {
        int n = length(input);
        for (int i = 0; i < n; i++) {
            input.consume();
        }
        if (n > 0) {
            state.type = type;
            state.channel = Token.DEFAULT_CHANNEL;
        }
        return n > 0;
    }

    /** The length of the IPv6 address that starts at the stream's position, or 0 when none does. */
    public static int length(CharStream input) {
        int n = 0;
        boolean colon = false;
        while (isAddressChar(input.LA(n + 1))) {
            colon |= input.LA(n + 1) == ':';
            if (++n > LONGEST) {
                return 0; // no address is this long (45 characters with an IPv4 tail): lexed as before, in linear time
            }
        }
        if (!colon || isWordChar(input.LA(n + 1))) {
            return 0; // no colon, or the run goes on as a name (dead:beef-x, fe80::1x)
        }
        // a ':' or '.' after the address belongs to what follows (fe80::1: in an expectation)
        for (int end = n; end > 0; end--) {
            IpAddress a = IpAddress.tryParse(text(input, end));
            if (a != null && a.isIpv6()) {
                return end;
            }
            if (input.LA(end) != ':' && input.LA(end) != '.') {
                return 0;
            }
        }
        return 0;
    }

    private static String text(CharStream input, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 1; i <= length; i++) {
            b.append((char) input.LA(i));
        }
        return b.toString();
    }

    private static boolean isAddressChar(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.';
    }

    private static boolean isWordChar(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }
}
