package org.netwright.model.semantics;

import java.util.Objects;

/**
 * An address with a prefix length: the value of the model's {@code IpPrefix} data type (route destinations, rule
 * selectors, iptables -s/-d, xfrm selectors, NAT targets). The address is kept as written, host bits included
 * ({@code 10.0.0.1/24} stays so; {@link #network()} clears them), and so is whether a length was written at all: a
 * bare address is a host prefix ({@code /32}, {@code /128}) that prints without one. {@link #ANY} is iproute2's
 * {@code default}/{@code all}/{@code any}: every address of whichever family the context gives. Immutable.
 */
public final class IpPrefix {

    /** Every address of any family: ip route's {@code default}, ip rule's {@code all}. */
    public static final IpPrefix ANY = new IpPrefix(null, 0, false);

    private final IpAddress address;
    private final int length;
    private final boolean lengthWritten;

    private IpPrefix(IpAddress address, int length, boolean lengthWritten) {
        this.address = address;
        this.length = length;
        this.lengthWritten = lengthWritten;
    }

    /** A host prefix written as a bare address. */
    public static IpPrefix of(IpAddress address) {
        return new IpPrefix(Objects.requireNonNull(address), address.bits(), false);
    }

    /** {@code address/length}. */
    public static IpPrefix of(IpAddress address, int length) {
        if (length < 0 || length > address.bits()) {
            throw new IllegalArgumentException("prefix length " + length + " of " + address + " is out of range 0.." + address.bits());
        }
        return new IpPrefix(address, length, true);
    }

    /**
     * {@code a.b.c.d/len}, an IPv6 prefix, a bare address, or {@code default}/{@code all}/{@code any} ({@link #ANY}).
     *
     * @throws IllegalArgumentException when the text is none of these; the message says why
     */
    public static IpPrefix parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a prefix is required");
        }
        if (isAnyKeyword(text)) {
            return ANY;
        }
        int slash = text.indexOf('/');
        IpAddress a = IpAddress.parse(slash < 0 ? text : text.substring(0, slash));
        if (slash < 0) {
            return of(a);
        }
        String len = text.substring(slash + 1);
        if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(len) > a.bits() || len.length() > 1 && len.charAt(0) == '0') {
            throw new IllegalArgumentException("'" + text + "' has an invalid prefix length (0.." + a.bits() + ")");
        }
        return of(a, Integer.parseInt(len));
    }

    /** The prefix written in {@code text}, or null when it is not one. */
    public static IpPrefix tryParse(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An interface address and its prefix length as the model holds them, or null when they are not one. */
    public static IpPrefix tryOf(IpAddress address, int length) {
        return address == null || length < 0 || length > address.bits() ? null : of(address, length);
    }

    /** iproute2's words for {@link #ANY}. */
    public static boolean isAnyKeyword(String text) {
        return "default".equals(text) || "all".equals(text) || "any".equals(text);
    }

    public boolean isAny() {
        return address == null;
    }

    /** The address as written (host bits kept); null for {@link #ANY}. */
    public IpAddress address() {
        return address;
    }

    public int length() {
        return length;
    }

    /** The family; null for {@link #ANY}. */
    public IpAddress.Family family() {
        return address == null ? null : address.family();
    }

    /** A single address: /32, /128 or a bare address. */
    public boolean isHost() {
        return address != null && length == address.bits();
    }

    /** The address with its host bits cleared; null for {@link #ANY}. */
    public IpAddress network() {
        return address == null ? null : address.masked(length);
    }

    public boolean hasHostBits() {
        return address != null && !address.equals(network());
    }

    public boolean contains(IpAddress a) {
        if (address == null) {
            return true;
        }
        return a != null && a.family() == address.family() && a.masked(length).equals(network());
    }

    /** Whether every address of {@code p} is in this prefix. */
    public boolean contains(IpPrefix p) {
        if (address == null) {
            return true;
        }
        return p != null && !p.isAny() && p.length >= length && contains(p.address);
    }

    /** {@code network/length}, as ip prints a route: host bits cleared, length always written. */
    public String canonical() {
        return address == null ? "default" : network() + "/" + length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpPrefix p && Objects.equals(p.address, address) && p.length == length && p.lengthWritten == lengthWritten;
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, length, lengthWritten);
    }

    /** As written: {@code address/length}, a bare address, or {@code default} for {@link #ANY}. */
    @Override
    public String toString() {
        if (address == null) {
            return "default";
        }
        return lengthWritten ? address + "/" + length : address.toString();
    }
}
