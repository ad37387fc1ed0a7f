package org.netwright.model.text;

/**
 * How the values inside a rule are written, which depends on who reads the text: the real tools (every value checked,
 * strings quoted the way nft and iptables-restore read them), a {@code .nwp} file (the language's names and strings)
 * or a person reading a trace (everything as the model has it). The printers decide the structure of a rule; a
 * {@code Words} decides each value, and refuses one its reader cannot take by throwing {@link #fail}'s exception.
 */
public interface Words {

    /** An nft identifier: table, chain, set, map or define. */
    String name(String name, String what);

    /** An iptables user chain or target name. */
    String chain(String name, String what);

    /** A string in double quotes (comments, log prefixes, interface names in nft). */
    String quoted(String text, int maxLength, String what);

    /** A bare symbolic word or number: protocols, ICMP and reject types, log levels, helpers, match modules. */
    String word(String word, String what);

    /** A bare nft value: address, prefix, MAC, number, hex or symbolic constant; a quoted string stays quoted. */
    String atom(String value, String what);

    /** An interface name, for iptables -i/-o optionally ending in '+'. */
    String interfaceName(String name, String what);

    /** An address or, with {@code prefix}, an address with an optional /length. */
    String address(String address, boolean prefix, String what);

    /** An unsigned number in {@code 0..max}, as the reader writes it (marks and SPIs in hex for the tools). */
    String number(long value, long max, String what);

    /** An iptables option name of an opaque match or target ({@code --name}). */
    String option(String name, String what);

    /** A value of such an option, as the model keeps it (a quoted string keeps its quotes). */
    String optionValue(String value, String what);

    /** The exception for a rule that cannot be written for this reader. */
    RuntimeException fail(String message);

    /** Everything as the model has it, nothing refused: texts for people (traces, hovers). */
    Words AS_IS = new Words() {
        @Override
        public String name(String name, String what) {
            return name == null ? "?" : name;
        }

        @Override
        public String chain(String name, String what) {
            return name == null ? "?" : name;
        }

        @Override
        public String quoted(String text, int maxLength, String what) {
            return "\"" + unquote(text) + "\"";
        }

        @Override
        public String word(String word, String what) {
            return word == null ? "?" : word;
        }

        @Override
        public String atom(String value, String what) {
            return value == null ? "?" : value;
        }

        @Override
        public String interfaceName(String name, String what) {
            return name == null ? "?" : name;
        }

        @Override
        public String address(String address, boolean prefix, String what) {
            return address == null ? "?" : address;
        }

        @Override
        public String number(long value, long max, String what) {
            return value < 10 ? Long.toString(value) : "0x" + Long.toHexString(value);
        }

        @Override
        public String option(String name, String what) {
            return name == null ? "?" : name.startsWith("-") ? name : "--" + name;
        }

        @Override
        public String optionValue(String value, String what) {
            return value == null ? "?" : value;
        }

        @Override
        public RuntimeException fail(String message) {
            return new IllegalArgumentException(message);
        }
    };

    /** A string without the quotes it may have been stored with (importers keep iptables-save's); "" for null. */
    static String unquote(String s) {
        if (s == null) {
            return "";
        }
        String t = s.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }
}
