package org.netwright.dsl.conversion;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.xtext.AbstractRule;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.IGrammarAccess;
import org.eclipse.xtext.Keyword;

import org.eclipse.xtext.common.services.DefaultTerminalConverters;
import org.eclipse.xtext.conversion.IValueConverter;
import org.eclipse.xtext.conversion.ValueConverter;
import org.eclipse.xtext.conversion.ValueConverterException;
import org.eclipse.xtext.nodemodel.INode;

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
			Set<String> all = new HashSet<>(GrammarUtil.getAllKeywords(grammarAccess.getGrammar()));
			AbstractRule name = GrammarUtil.findRuleForName(grammarAccess.getGrammar(), "Name");
			for (Keyword k : EcoreUtil2.getAllContentsOfType(name, Keyword.class)) {
				all.remove(k.getValue());
			}
			r = reservedWords = Set.copyOf(all);
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

	static void checkIpv4(String ip, INode node) {
		String[] parts = ip.split("\\.", -1);
		if (parts.length != 4) {
			throw new ValueConverterException("not an IPv4 address: " + ip, node, null);
		}
		for (String p : parts) {
			if (p.isEmpty() || p.length() > 3 || Integer.parseInt(p) > 255) {
				throw new ValueConverterException("IPv4 octet out of range in " + ip, node, null);
			}
		}
	}

	static void checkPrefix(String prefix, INode node) {
		int slash = prefix.indexOf('/');
		checkIpv4(slash < 0 ? prefix : prefix.substring(0, slash), node);
		if (slash >= 0) {
			String len = prefix.substring(slash + 1);
			if (len.isEmpty() || len.length() > 2 || Integer.parseInt(len) > 32) {
				throw new ValueConverterException("prefix length out of range in " + prefix, node, null);
			}
		}
	}

	@ValueConverter(rule = "IPV4")
	public IValueConverter<String> IPV4() {
		return new Base<>() {
			@Override
			String convert(String s, INode node) {
				checkIpv4(s, node);
				return s;
			}

			@Override
			public String toString(String value) {
				checkIpv4(value, null);
				return value;
			}
		};
	}

	@ValueConverter(rule = "Prefix")
	public IValueConverter<String> Prefix() {
		return prefixConverter();
	}

	@ValueConverter(rule = "NftAddr")
	public IValueConverter<String> NftAddr() {
		return prefixConverter();
	}

	private IValueConverter<String> prefixConverter() {
		return new Base<>() {
			@Override
			String convert(String s, INode node) {
				checkPrefix(s, node);
				return s;
			}

			@Override
			public String toString(String value) {
				checkPrefix(value, null);
				return value;
			}
		};
	}

	@ValueConverter(rule = "IpRange")
	public IValueConverter<String> IpRange() {
		return new Base<>() {
			@Override
			String convert(String s, INode node) {
				int dash = s.indexOf('-');
				checkIpv4(s.substring(0, dash), node);
				checkIpv4(s.substring(dash + 1), node);
				return s;
			}

			@Override
			public String toString(String value) {
				return value;
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
