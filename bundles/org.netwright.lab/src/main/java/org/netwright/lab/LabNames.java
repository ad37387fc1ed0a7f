package org.netwright.lab;

import java.util.regex.Pattern;

import org.netwright.model.semantics.IpAddress;

/**
 * Validation of the names the lab hands to the kernel. Network namespace names are file names under
 * {@code /run/netns}; lab namespaces are named {@code nw-<lab>-<ns>} so that two labs never collide
 * (lab and namespace names contain no '-', so one lab's prefix is never another's). Interface names follow
 * the kernel's rule (dev_valid_name): 1..15 bytes, no '/', no ':' and no whitespace, not "." or "..".
 */
public final class LabNames {
    /**
     * Prefix of every namespace the lab creates: {@code nw-}, or {@code nw<tag>-} when the environment sets
     * {@value #TAG_VARIABLE} (1-3 of [a-z]), so that test runs of several checkouts on one machine never
     * clean up each other's labs.
     */
    public static final String PREFIX = "nw" + tag(System.getenv(LabNames.TAG_VARIABLE)) + "-";
    public static final String TAG_VARIABLE = "NETWRIGHT_LAB_TAG";
    /** IFNAMSIZ - 1. */
    public static final int MAX_IFNAME = 15;

    private static final Pattern LAB = Pattern.compile("[a-z0-9]{1,10}");
    private static final Pattern NS = Pattern.compile("[a-z0-9]{1,12}");

    private LabNames() {
    }

    static String tag(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (!value.matches("[a-z]{1,3}")) {
            throw new LabException(TAG_VARIABLE + " must be 1-3 of [a-z], not '" + value + "'");
        }
        return value;
    }

    public static String lab(String name) {
        if (name == null || !LAB.matcher(name).matches()) {
            throw new LabException("invalid lab name '" + name + "': 1-10 of [a-z0-9]");
        }
        return name;
    }

    public static String namespace(String name) {
        if (name == null || !NS.matcher(name).matches()) {
            throw new LabException("invalid namespace name '" + name + "': 1-12 of [a-z0-9]");
        }
        return name;
    }

    /** The kernel-visible namespace name {@code nw-<lab>-<ns>}. */
    public static String netns(String lab, String ns) {
        return PREFIX + lab(lab) + "-" + namespace(ns);
    }

    /** The prefix of every namespace of one lab. */
    public static String labPrefix(String lab) {
        return PREFIX + lab(lab) + "-";
    }

    public static String ifname(String name) {
        if (name == null || name.isEmpty() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_IFNAME
                || name.equals(".") || name.equals("..")) {
            throw new LabException("invalid interface name '" + name + "': 1-" + MAX_IFNAME + " bytes");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new LabException("invalid interface name '" + name + "': no '/', ':' or whitespace");
            }
        }
        if (name.startsWith("-")) {
            throw new LabException("invalid interface name '" + name + "': must not start with '-'");
        }
        return name;
    }

    public static boolean isIpv4(String s) {
        IpAddress a = IpAddress.tryParse(s);
        return a != null && a.isIpv4();
    }

    public static String ipv4(String s) {
        if (!isIpv4(s)) {
            throw new LabException("invalid IPv4 address '" + s + "'");
        }
        return s;
    }

    /** {@code a.b.c.d/len}; returns the address part. */
    public static String cidrAddress(String cidr) {
        int slash = cidr == null ? -1 : cidr.indexOf('/');
        if (slash < 0) {
            throw new LabException("invalid prefix '" + cidr + "': expected a.b.c.d/len");
        }
        String len = cidr.substring(slash + 1);
        if (!len.matches("[0-9]{1,2}") || Integer.parseInt(len) > 32) {
            throw new LabException("invalid prefix length in '" + cidr + "'");
        }
        return ipv4(cidr.substring(0, slash));
    }

    /** A sysctl key in dotted or slashed form, as passed to {@code sysctl -w}. */
    public static String sysctlKey(String key) {
        if (key == null || !key.matches("net(\\.[A-Za-z0-9_-]+|/[A-Za-z0-9_.-]+)+")) {
            throw new LabException("invalid or non-network sysctl '" + key + "'");
        }
        return key;
    }
}
