package org.netwright.export;

import java.util.regex.Pattern;

import org.netwright.model.semantics.IpAddress;
import org.netwright.model.semantics.IpPrefix;

/**
 * Validation of the values the exporters write: addresses are parsed, numbers range-checked, names
 * and tokens checked against a strict character set. Quoting for shell scripts is
 * {@link KernelNames#shellQuote}; this class only decides whether a value may be written at all.
 */
final class Values {
    /** nft identifiers (table, chain, set, map, define names): the nft scanner's plain string. */
    /** nft's own identifier: a letter or '_' first, then letters, digits and '_', '-', '.', '/' (kube-proxy chain names). */
    private static final Pattern NFT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_./-]*");
    /** A bare nft value: address, prefix, MAC, number, hex, symbolic constant. */
    private static final Pattern NFT_TOKEN = Pattern.compile("[A-Za-z0-9_:][A-Za-z0-9_.:/-]*");
    /** Namespace names: also used as directory names, so no '/', no leading '.' and no '..'. */
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");
    private static final Pattern NUMBER = Pattern.compile("(0x[0-9A-Fa-f]+|\\d+)");

    private Values() {
    }

    static ExportException fail(String what, String value, String why) {
        return new ExportException(what + " '" + printable(value) + "' " + why);
    }

    static String printable(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        value.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /** A model value (address, prefix) as text, or null. */
    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    static boolean isIpv4(String s) {
        IpAddress a = IpAddress.tryParse(s);
        return a != null && a.isIpv4();
    }

    static boolean isIpv6(String s) {
        IpAddress a = IpAddress.tryParse(s);
        return a != null && a.isIpv6();
    }

    /** An IPv4 or IPv6 address without prefix length. */
    static String address(String s, String what) {
        if (IpAddress.tryParse(s) != null) {
            return s;
        }
        throw fail(what, s, "is not an IPv4 or IPv6 address");
    }

    static String ipv4(String s, String what) {
        if (isIpv4(s)) {
            return s;
        }
        throw fail(what, s, "is not an IPv4 address");
    }

    /** Address with optional /length, checked against the family's maximum. */
    static String prefix(String s, String what) {
        if (s == null) {
            throw fail(what, s, "is missing");
        }
        int slash = s.indexOf('/');
        IpAddress a = IpAddress.tryParse(slash < 0 ? s : s.substring(0, slash));
        if (a == null) {
            throw fail(what, s, "is not an IPv4 or IPv6 address");
        }
        if (IpPrefix.tryParse(s) == null) {
            throw fail(what, s, "has an invalid prefix length (0.." + a.bits() + ")");
        }
        return s;
    }

    static boolean isIpv6Prefix(String s) {
        IpPrefix p = IpPrefix.tryParse(s);
        return p != null && !p.isAny() && p.address().isIpv6();
    }

    static long range(long value, long min, long max, String what) {
        if (value < min || value > max) {
            throw new ExportException(what + " " + value + " is out of range " + min + ".." + max);
        }
        return value;
    }

    static String port(int value, String what) {
        return Long.toString(range(value, 0, 65535, what));
    }

    static String hex32(long value, String what) {
        return "0x" + Long.toHexString(range(value, 0, 0xffffffffL, what));
    }

    static String nftName(String s, String what) {
        if (s == null || !NFT_NAME.matcher(s).matches() || s.length() > 255) {
            throw fail(what, s, "is not a valid nft name (letters, digits, '_', '-', '.' and '/', starting with a letter or '_')");
        }
        return s;
    }

    static boolean isNftToken(String s) {
        return s != null && NFT_TOKEN.matcher(s).matches() && s.length() <= 255;
    }

    /** A value written as a double-quoted nft/iptables string: no quote, backslash or control character. */
    static String quotedString(String s, int maxLength, String what) {
        if (s == null) {
            throw fail(what, s, "is missing");
        }
        if (s.length() > maxLength) {
            throw fail(what, s, "is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || Character.isISOControl(c)) {
                throw fail(what, s, "contains '" + printable(String.valueOf(c)) + "', which cannot be written in a quoted string");
            }
        }
        return "\"" + s + "\"";
    }

    static String namespaceName(String s) {
        if (s == null || !NAMESPACE.matcher(s).matches() || s.length() > 200) {
            throw fail("namespace name", s, "is not valid (letters, digits, '_' and '-')");
        }
        return s;
    }

    /** Lower-case symbolic word: protocol names, scopes, route protocols, ICMP type names, log levels. */
    static String word(String s, String what) {
        if (s == null || !WORD.matcher(s).matches() || s.length() > 64) {
            throw fail(what, s, "is not a valid word (letters, digits, '_' and '-')");
        }
        return s;
    }

    static String number(String s, String what) {
        if (s == null || !NUMBER.matcher(s).matches() || s.length() > 18) {
            throw fail(what, s, "is not a number");
        }
        return s;
    }

    static String interfaceName(String s, String context) {
        var problem = KernelNames.interfaceNameProblem(s);
        if (problem.isPresent()) {
            throw new ExportException(context + ": " + problem.get());
        }
        return s;
    }
}
