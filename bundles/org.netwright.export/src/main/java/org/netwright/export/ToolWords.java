package org.netwright.export;

import java.util.regex.Pattern;

import org.netwright.model.text.Words;

/**
 * Values as nft and iptables-restore read them: every value of a printed rule is checked ({@link Values}) and a value
 * the tools would read differently, or not at all, is refused with an {@link ExportException} that names it.
 */
final class ToolWords implements Words {
    static final ToolWords INSTANCE = new ToolWords();

    private static final Pattern CHAIN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern IF_CHARS = Pattern.compile("[^'\"\\\\!#]+");
    private static final Pattern OPTION = Pattern.compile("--?[A-Za-z0-9][A-Za-z0-9-]*");
    private static final Pattern OPTION_VALUE = Pattern.compile("[A-Za-z0-9_.:/,+=@%-]+|\"[^\"\\\\\\p{Cntrl}]*\"");
    private static final Pattern MASK = Pattern.compile("0x[0-9A-Fa-f]{1,32}|\\d{1,20}|[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");

    private ToolWords() {
    }

    @Override
    public String name(String name, String what) {
        return Values.nftName(name, what);
    }

    @Override
    public String chain(String name, String what) {
        if (name == null || !CHAIN.matcher(name).matches() || name.length() > 28) {
            throw Values.fail(what, name, "is not valid (at most 28 letters, digits, '_', '.', '-')");
        }
        return name;
    }

    @Override
    public String quoted(String text, int maxLength, String what) {
        return Values.quotedString(text, maxLength, what);
    }

    @Override
    public String word(String word, String what) {
        return Values.word(word, what);
    }

    @Override
    public String atom(String value, String what) {
        if ("nft mask".equals(what)) {
            // a bitmask: a number, or a value of the matched type (MAC address, IPv4/IPv6 address)
            if (value != null && (MASK.matcher(value).matches() || Values.isIpv4(value) || Values.isIpv6(value))) {
                return value;
            }
            throw Values.fail(what, value, "is not a number, MAC address or IP address");
        }
        if (Values.isNftToken(value)) {
            return value;
        }
        throw Values.fail(what, value, "is not an address, number or symbolic constant (strings must be written in double quotes)");
    }

    /** An interface name, optionally ending in '+' (any name with this prefix). */
    @Override
    public String interfaceName(String name, String what) {
        if (name == null || name.equals("+")) {
            return Values.interfaceName(name, what);
        }
        String base = name.endsWith("+") ? name.substring(0, name.length() - 1) : name;
        Values.interfaceName(base, what);
        if (!IF_CHARS.matcher(base).matches()) {
            throw Values.fail(what, name, "contains a character iptables-restore would not read as part of the name");
        }
        return name;
    }

    @Override
    public String address(String address, boolean prefix, String what) {
        return prefix ? Values.prefix(address, what) : Values.address(address, what);
    }

    @Override
    public String number(long value, long max, String what) {
        return "0x" + Long.toHexString(Values.range(value, 0, max, what));
    }

    @Override
    public String option(String name, String what) {
        if (name == null || !OPTION.matcher(name).matches()) {
            throw Values.fail(what, name, "is not an option name (--name)");
        }
        return name;
    }

    @Override
    public String optionValue(String value, String what) {
        if (value == null || !OPTION_VALUE.matcher(value).matches() || value.length() > 255) {
            throw Values.fail(what, value, "cannot be written safely");
        }
        return value;
    }

    @Override
    public RuntimeException fail(String message) {
        return new ExportException(message);
    }
}
