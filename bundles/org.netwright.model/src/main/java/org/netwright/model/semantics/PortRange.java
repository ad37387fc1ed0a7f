package org.netwright.model.semantics;

/**
 * A port or a range of ports, {@code first..last} (0..65535): the value of the model's {@code PortRange} data type
 * (NAT target ports, iptables --sport/--dport, multiport). A single port is a range of one and prints as one number.
 * Immutable.
 */
public record PortRange(int first, int last) {

    public PortRange {
        if (first < 0 || first > 65535 || last < 0 || last > 65535) {
            throw new IllegalArgumentException("port " + (first < 0 || first > 65535 ? first : last) + " is out of range 0..65535");
        }
        if (last < first) {
            throw new IllegalArgumentException("port range " + first + "-" + last + " is reversed");
        }
    }

    public static PortRange of(int port) {
        return new PortRange(port, port);
    }

    public static PortRange of(int first, int last) {
        return new PortRange(first, last);
    }

    /**
     * {@code 80}, {@code 1000-2000} or, as iptables writes it, {@code 1000:2000}.
     *
     * @throws IllegalArgumentException when the text is none of these; the message says why
     */
    public static PortRange parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a port is required");
        }
        int sep = Math.max(text.indexOf('-'), text.indexOf(':'));
        int first = port(sep < 0 ? text : text.substring(0, sep), text);
        return sep < 0 ? of(first) : of(first, port(text.substring(sep + 1), text));
    }

    private static int port(String digits, String text) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + text + "' is not a port or port range");
        }
        return Integer.parseInt(digits);
    }

    public boolean isSingle() {
        return first == last;
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    /** {@code first} or {@code first<separator>last}: nft and NAT targets write '-', iptables matches ':'. */
    public String toString(char separator) {
        return isSingle() ? Integer.toString(first) : first + String.valueOf(separator) + last;
    }

    @Override
    public String toString() {
        return toString('-');
    }
}
