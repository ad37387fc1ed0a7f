package org.netwright.dsl.conversion;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.xtext.IGrammarAccess;

import org.eclipse.xtext.common.services.DefaultTerminalConverters;
import org.eclipse.xtext.conversion.IValueConverter;
import org.eclipse.xtext.conversion.ValueConverter;
import org.eclipse.xtext.conversion.ValueConverterException;
import org.eclipse.xtext.nodemodel.INode;
import org.netwright.dsl.naming.NetwrightNames;
import org.netwright.model.semantics.Families;
import org.netwright.model.semantics.IpAddress;
import org.netwright.model.semantics.IpAddress.Family;
import org.netwright.model.semantics.IpPrefix;
import org.netwright.model.semantics.IpRange;
import org.netwright.model.semantics.PortRange;

import com.google.inject.Inject;

/**
 * Value converters for addresses, prefixes, MACs, hex/decimal numbers and signed priorities.
 * Addresses stay strings in the model (canonical text); numbers become Long/Integer.
 */
public class NetwrightValueConverterService extends DefaultTerminalConverters {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*|[0-9]+");

    @Inject
    private IGrammarAccess grammarAccess;

    private volatile Set<String> reservedWords;

    /**
     * Names (namespaces, chains, interfaces: eth1.100, ns:eth0) may be any identifier. One that is a keyword the
     * name rule does not admit (a chain called "log") is written with Xtext's escape, {@code ^log}, so that models
     * built in code always serialize to text that parses back.
     */
    private final class IdentifierConverter implements IValueConverter<String> {
        @Override
        public String toValue(String string, INode node) {
            if (string == null) {
                return null;
            }
            return string.replaceAll("(^|[.:])\\^", "$1");
        }

        @Override
        public String toString(String value) {
            if (value == null || value.isEmpty()) {
                throw new ValueConverterException("a name is required", null, null);
            }
            StringBuilder sb = new StringBuilder();
            Matcher m = Pattern.compile("[.:]").matcher(value);
            int start = 0;
            while (true) {
                boolean more = m.find();
                String segment = value.substring(start, more ? m.start() : value.length());
                if (!IDENTIFIER.matcher(segment).matches()) {
                    throw new ValueConverterException("'" + value + "' cannot be written as a name (letters, digits, '_' "
                            + "and '-', starting with a letter)", null, null);
                }
                sb.append(reserved().contains(segment) ? "^" : "").append(segment);
                if (!more) {
                    return sb.toString();
                }
                sb.append(m.group());
                start = m.end();
            }
        }
    }

    /** Keywords of the grammar that the Name rule does not list among its alternatives. */
    private Set<String> reserved() {
        Set<String> r = reservedWords;
        if (r == null) {
            r = reservedWords = NetwrightNames.reservedWords(grammarAccess.getGrammar());
        }
        return r;
    }

    @ValueConverter(rule = "Name")
    public IValueConverter<String> Name() {
        return new IdentifierConverter();
    }

    @ValueConverter(rule = "IfName")
    public IValueConverter<String> IfName() {
        return new IdentifierConverter();
    }

    @ValueConverter(rule = "IfQName")
    public IValueConverter<String> IfQName() {
        return new IdentifierConverter();
    }

    /**
     * nft names of chains, sets, maps and objects may also hold '/' and '.' between identifier or number segments
     * (kube-proxy's {@code endpoint-X-ns1/web/tcp/http__10.244.1.5/8080}); a keyword segment is written escaped.
     */
    private final class NftNameConverter implements IValueConverter<String> {
        private static final Pattern SEGMENT = Pattern.compile("[0-9]*[A-Za-z_][A-Za-z0-9_-]*|[0-9]+");

        @Override
        public String toValue(String string, INode node) {
            return string == null ? null : string.replaceAll("(^|[./])\\^", "$1");
        }

        @Override
        public String toString(String value) {
            if (value == null || value.isEmpty()) {
                throw new ValueConverterException("a name is required", null, null);
            }
            StringBuilder sb = new StringBuilder();
            Matcher m = Pattern.compile("[./]").matcher(value);
            int start = 0;
            while (true) {
                boolean more = m.find();
                String segment = value.substring(start, more ? m.start() : value.length());
                boolean ok = start == 0 ? IDENTIFIER.matcher(segment).matches() : SEGMENT.matcher(segment).matches();
                if (!ok) {
                    throw new ValueConverterException("'" + value + "' cannot be written as an nft name (segments of letters, "
                            + "digits, '_' and '-' joined by '/' or '.', starting with a letter)", null, null);
                }
                sb.append(reserved().contains(segment) ? "^" : "").append(segment);
                if (!more) {
                    return sb.toString();
                }
                sb.append(m.group());
                start = m.end();
            }
        }
    }

    @ValueConverter(rule = "NftName")
    public IValueConverter<String> NftName() {
        return new NftNameConverter();
    }

    @ValueConverter(rule = "TableName")
    public IValueConverter<String> TableName() {
        return new IdentifierConverter();
    }

    /** Abstract base: strips whitespace the datatype rule may have admitted, rejects null. */
    private abstract static class Base<T> implements IValueConverter<T> {
        @Override
        public T toValue(String string, INode node) {
            if (string == null || string.isBlank()) {
                throw new ValueConverterException("value expected", node, null);
            }
            return convert(string.replaceAll("\\s+", ""), node);
        }

        abstract T convert(String s, INode node);
    }

    /** An address of the given family, or of either when {@code family} is null. */
    private static IpAddress address(String text, Family family, INode node) {
        IpAddress a;
        try {
            a = IpAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ValueConverterException(e.getMessage(), node, e);
        }
        if (family != null && a.family() != family) {
            throw new ValueConverterException("not an " + Families.name(family) + " address: " + text, node, null);
        }
        return a;
    }

    private static IpPrefix prefix(String text, Family family, INode node) {
        IpPrefix p;
        try {
            p = IpPrefix.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ValueConverterException(e.getMessage(), node, e);
        }
        if (p.isAny() || family != null && p.family() != family) {
            throw new ValueConverterException("not an " + (family == null ? "IP" : Families.name(family)) + " address or prefix: " + text,
                    node, null);
        }
        return p;
    }

    /** The converter of a rule that writes addresses of {@code family} (either when null). */
    private static IValueConverter<IpAddress> addressConverter(Family family) {
        return new Base<>() {
            @Override
            IpAddress convert(String s, INode node) {
                return address(s, family, node);
            }

            @Override
            public String toString(IpAddress value) {
                if (value == null || family != null && value.family() != family) {
                    throw new ValueConverterException("not an " + (family == null ? "IP" : Families.name(family)) + " address: " + value,
                            null, null);
                }
                return value.toString();
            }
        };
    }

    @ValueConverter(rule = "IpAddr")
    public IValueConverter<IpAddress> IpAddr() {
        return addressConverter(null);
    }

    @ValueConverter(rule = "IPV4")
    public IValueConverter<IpAddress> IPV4() {
        return addressConverter(Family.IPV4);
    }

    @ValueConverter(rule = "IPV6")
    public IValueConverter<IpAddress> IPV6() {
        return addressConverter(Family.IPV6);
    }

    @ValueConverter(rule = "Prefix")
    public IValueConverter<IpPrefix> Prefix() {
        return prefixConverter(null, null);
    }

    @ValueConverter(rule = "Prefix4")
    public IValueConverter<IpPrefix> Prefix4() {
        return prefixConverter(null, Family.IPV4);
    }

    @ValueConverter(rule = "Prefix6")
    public IValueConverter<IpPrefix> Prefix6() {
        return prefixConverter(null, Family.IPV6);
    }

    /** A NAT target's address: a host prefix written as a bare address. */
    @ValueConverter(rule = "HostPrefix")
    public IValueConverter<IpPrefix> HostPrefix() {
        return hostPrefixConverter(Family.IPV4);
    }

    @ValueConverter(rule = "HostPrefix6")
    public IValueConverter<IpPrefix> HostPrefix6() {
        return hostPrefixConverter(Family.IPV6);
    }

    private static IValueConverter<IpPrefix> hostPrefixConverter(Family family) {
        return new Base<>() {
            @Override
            IpPrefix convert(String s, INode node) {
                return IpPrefix.of(address(s, family, node));
            }

            @Override
            public String toString(IpPrefix value) {
                if (value == null || value.isAny() || !value.isHost() || value.family() != family) {
                    throw new ValueConverterException("not an " + Families.name(family) + " address: " + value, null, null);
                }
                return value.address().toString();
            }
        };
    }

    /** ip route's destination: default or a prefix. */
    @ValueConverter(rule = "RouteDest")
    public IValueConverter<IpPrefix> RouteDest() {
        return prefixConverter("default", null);
    }

    /** ip rule's selectors: all or a prefix. */
    @ValueConverter(rule = "RuleAddr")
    public IValueConverter<IpPrefix> RuleAddr() {
        return prefixConverter("all", null);
    }

    /**
     * A prefix of {@code family} (either when null), or with {@code any} the keyword that means every address
     * ({@link IpPrefix#ANY}).
     */
    private static IValueConverter<IpPrefix> prefixConverter(String any, Family family) {
        return new Base<>() {
            @Override
            IpPrefix convert(String s, INode node) {
                return s.equals(any) ? IpPrefix.ANY : prefix(s, family, node);
            }

            @Override
            public String toString(IpPrefix value) {
                if (value != null && value.isAny() && any != null) {
                    return any;
                }
                if (value == null || value.isAny() || family != null && value.family() != family) {
                    throw new ValueConverterException("not an " + (family == null ? "IP" : Families.name(family)) + " prefix: " + value,
                            null, null);
                }
                return value.toString();
            }
        };
    }

    /** Two addresses of one family: first-last. */
    @ValueConverter(rule = "AddressRange")
    public IValueConverter<IpRange> AddressRange() {
        return new Base<>() {
            @Override
            IpRange convert(String s, INode node) {
                int dash = s.indexOf('-');
                try {
                    return new IpRange(address(s.substring(0, dash), null, node), address(s.substring(dash + 1), null, node));
                } catch (IllegalArgumentException e) {
                    throw new ValueConverterException(e.getMessage(), node, e);
                }
            }

            @Override
            public String toString(IpRange value) {
                if (value == null) {
                    throw new ValueConverterException("a range is required", null, null);
                }
                return value.toString();
            }
        };
    }

    /** iptables port match: 80 or 1000:2000. */
    @ValueConverter(rule = "PortSpec")
    public IValueConverter<PortRange> PortSpec() {
        return portRange(':');
    }

    /** NAT target ports: 80 or 1000-2000. */
    @ValueConverter(rule = "NatPorts")
    public IValueConverter<PortRange> NatPorts() {
        return portRange('-');
    }

    private static IValueConverter<PortRange> portRange(char separator) {
        return new Base<>() {
            @Override
            PortRange convert(String s, INode node) {
                try {
                    return PortRange.parse(s);
                } catch (IllegalArgumentException e) {
                    throw new ValueConverterException(e.getMessage(), node, e);
                }
            }

            @Override
            public String toString(PortRange value) {
                if (value == null) {
                    throw new ValueConverterException("a port is required", null, null);
                }
                return value.toString(separator);
            }
        };
    }

    /** MAC address, stored lower case: 0a:00:00:00:01:00. */
    @ValueConverter(rule = "MAC")
    public IValueConverter<String> MAC() {
        return new Base<>() {
            @Override
            String convert(String s, INode node) {
                if (!s.matches("([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}")) {
                    throw new ValueConverterException("not a MAC address: " + s, node, null);
                }
                return s.toLowerCase(Locale.ROOT);
            }

            @Override
            public String toString(String value) {
                if (value == null || !value.matches("([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}")) {
                    throw new ValueConverterException("not a MAC address: " + value, null, null);
                }
                return value.toLowerCase(Locale.ROOT);
            }
        };
    }

    /**
     * A decimal number as the grammar's INT: one that does not fit is an error in words, at its position (Java's
     * own converter says "For input string"); each use's range is checked by the validator.
     */
    @ValueConverter(rule = "INT")
    public IValueConverter<Integer> INT() {
        return new IntConverter(false);
    }

    /** A 32-bit integer, or an error in words at its position; {@code signed}: may be negative when written. */
    private static final class IntConverter extends Base<Integer> {
        private final boolean signed;

        IntConverter(boolean signed) {
            this.signed = signed;
        }

        @Override
        Integer convert(String s, INode node) {
            try {
                return Integer.valueOf(s.startsWith("+") ? s.substring(1) : s);
            } catch (NumberFormatException e) {
                throw tooLarge(s, node);
            }
        }

        @Override
        public String toString(Integer value) {
            if (value == null || value < 0 && !signed) {
                throw new ValueConverterException("not a number that can be written: " + value, null, null);
            }
            return Integer.toString(value);
        }
    }

    /** A number beyond a 32-bit integer, in words (never Java's "For input string"). */
    private static ValueConverterException tooLarge(String s, INode node) {
        return new ValueConverterException("the number " + (s.length() > 30 ? s.substring(0, 30) + "..." : s) + " is too large (at most "
                + Integer.MAX_VALUE + " in size)", node, null);
    }

    /** Decimal or 0x-hex, unsigned 32/64-bit values (marks, SPIs, reqids, counters). */
    @ValueConverter(rule = "Number")
    public IValueConverter<Long> Number() {
        return new Base<>() {
            @Override
            Long convert(String s, INode node) {
                try {
                    if (s.startsWith("0x") || s.startsWith("0X")) {
                        return Long.parseUnsignedLong(s.substring(2), 16);
                    }
                    return Long.parseUnsignedLong(s);
                } catch (NumberFormatException e) {
                    throw new ValueConverterException("the number " + (s.length() > 30 ? s.substring(0, 30) + "..." : s)
                            + " is too large (at most 0xffffffffffffffff)", node, null);
                }
            }

            @Override
            public String toString(Long value) {
                if (value == null) {
                    throw new ValueConverterException("number expected", null, null);
                }
                return value < 10 ? Long.toString(value) : "0x" + Long.toHexString(value);
            }
        };
    }

    /** Optionally negative integer: nft priority -300. */
    @ValueConverter(rule = "SignedInt")
    public IValueConverter<Integer> SignedInt() {
        return new IntConverter(true);
    }

    /** Offset after a standard priority name: srcnat + 10, raw - 5. */
    @ValueConverter(rule = "SignedOffset")
    public IValueConverter<Integer> SignedOffset() {
        return new Base<>() {
            @Override
            Integer convert(String s, INode node) {
                return new IntConverter(true).convert(s, node);
            }

            @Override
            public String toString(Integer value) {
                return value < 0 ? "- " + (-value) : "+ " + value;
            }
        };
    }
}
