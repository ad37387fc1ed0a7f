package org.netwright.model.semantics;

/**
 * IPv4 addresses and prefixes as the model stores them (dotted text, "a.b.c.d/len"). Lenient: text that is not
 * an address gives {@code null}, so callers can skip what the parser already reported.
 */
public final class Ipv4 {

	private Ipv4() {
	}

	/** An address/length pair; {@code address} is the 32-bit value as an unsigned int in a long. */
	public record Prefix(long address, int length) {

		public long mask() {
			return length == 0 ? 0 : (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
		}

		public long network() {
			return address & mask();
		}

		public boolean contains(long other) {
			return (other & mask()) == network();
		}

		public boolean hasHostBits() {
			return address != network();
		}

		/** The prefix with its host bits cleared, as ip prints it. */
		public String canonical() {
			return format(network()) + "/" + length;
		}

		@Override
		public String toString() {
			return format(address) + "/" + length;
		}
	}

	/** The address as an unsigned 32-bit value, or -1 when the text is not a dotted IPv4 address. */
	public static long parse(String text) {
		if (text == null) {
			return -1;
		}
		String[] parts = text.trim().split("\\.", -1);
		if (parts.length != 4) {
			return -1;
		}
		long value = 0;
		for (String part : parts) {
			if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
				return -1;
			}
			int octet = Integer.parseInt(part);
			if (octet > 255) {
				return -1;
			}
			value = value << 8 | octet;
		}
		return value;
	}

	/** "a.b.c.d[/len]" (a bare address is a /32), or null. */
	public static Prefix prefix(String text) {
		if (text == null) {
			return null;
		}
		int slash = text.indexOf('/');
		long address = parse(slash < 0 ? text : text.substring(0, slash));
		if (address < 0) {
			return null;
		}
		int length = 32;
		if (slash >= 0) {
			String len = text.substring(slash + 1).trim();
			if (len.isEmpty() || len.length() > 2 || !len.chars().allMatch(Character::isDigit)) {
				return null;
			}
			length = Integer.parseInt(len);
			if (length > 32) {
				return null;
			}
		}
		return new Prefix(address, length);
	}

	public static Prefix prefix(String address, int length) {
		long a = parse(address);
		return a < 0 || length < 0 || length > 32 ? null : new Prefix(a, length);
	}

	public static String format(long address) {
		return (address >> 24 & 255) + "." + (address >> 16 & 255) + "." + (address >> 8 & 255) + "." + (address & 255);
	}
}
