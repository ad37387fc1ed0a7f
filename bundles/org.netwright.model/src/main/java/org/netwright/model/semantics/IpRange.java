package org.netwright.model.semantics;

/**
 * Every address from {@code first} to {@code last} of one family: the value of the model's {@code IpRange} data type
 * (iptables -m iprange). Written {@code first-last}. Immutable.
 */
public record IpRange(IpAddress first, IpAddress last) {

    public IpRange {
        if (first == null || last == null) {
            throw new IllegalArgumentException("an address range needs both ends");
        }
        if (first.family() != last.family()) {
            throw new IllegalArgumentException("address range " + first + "-" + last + " mixes IPv4 and IPv6");
        }
        if (last.compareTo(first) < 0) {
            throw new IllegalArgumentException("address range " + first + "-" + last + " is reversed");
        }
    }

    /**
     * {@code first-last}.
     *
     * @throws IllegalArgumentException when the text is not a range of two addresses; the message says why
     */
    public static IpRange parse(String text) {
        int dash = text == null ? -1 : text.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not an address range (first-last)");
        }
        return new IpRange(IpAddress.parse(text.substring(0, dash)), IpAddress.parse(text.substring(dash + 1)));
    }

    public boolean contains(IpAddress a) {
        return a != null && a.family() == first.family() && a.compareTo(first) >= 0 && a.compareTo(last) <= 0;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
