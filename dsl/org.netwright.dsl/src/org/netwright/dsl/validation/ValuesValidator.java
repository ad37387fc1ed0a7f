package org.netwright.dsl.validation;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.validation.Check;
import org.netwright.model.IpsecProto;
import org.netwright.model.NamedElement;
import org.netwright.model.Namespace;
import org.netwright.model.NetwrightPackage;
import org.netwright.model.NftAnonymousSet;
import org.netwright.model.NftArpAddrKind;
import org.netwright.model.NftCtExpr;
import org.netwright.model.NftDefine;
import org.netwright.model.NftExpr;
import org.netwright.model.NftListValue;
import org.netwright.model.NftLiteral;
import org.netwright.model.NftMap;
import org.netwright.model.NftMapElement;
import org.netwright.model.NftMatch;
import org.netwright.model.NftMetaExpr;
import org.netwright.model.NftPayloadExpr;
import org.netwright.model.NftRtExpr;
import org.netwright.model.NftSet;
import org.netwright.model.NftSetStatement;
import org.netwright.model.NftChain;
import org.netwright.model.NftTable;
import org.netwright.model.NftValue;
import org.netwright.model.XfrmState;
import org.netwright.model.semantics.IpPrefix;

/**
 * Every value the exporters and the packet-walk engine would refuse is refused here first, at its position: numbers
 * beyond what the kernel's fields hold (a 32-bit mark, a 16-bit port), addresses and prefixes that are not IPv4
 * (an octet of 256, a prefix length of 33), MAC addresses with a byte beyond ff, names longer than nft or a file
 * system takes. What validate accepts, check, walk, export and lab accept (issue 18). Typed values (the model's
 * addresses, prefixes and port ranges) are refused by the language's value converters where they are read.
 */
public class ValuesValidator extends AbstractNetwrightCheck {

    private static final NetwrightPackage P = NetwrightPackage.eINSTANCE;
    private static final long U16 = 0xffffL;
    private static final long U32 = 0xffffffffL;
    private static final Pattern DOTTED = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+(/\\d+)?");
    private static final Pattern NUMBER = Pattern.compile("\\d+|0[xX][0-9a-fA-F]+");
    /** Longest nft identifier (NFT_NAME_MAXLEN less its terminating zero). */
    private static final int NFT_NAME_MAX = 255;
    /** A namespace name is a folder of the export and part of file names: bounded like the exporter bounds it. */
    private static final int NAMESPACE_NAME_MAX = 200;

    /** What the kernel's fields hold, per numeric attribute: {min, max}. */
    private static final Map<EAttribute, long[]> RANGES = Map.ofEntries(
            Map.entry(P.getRoutingRule_Fwmark(), new long[] { 0, U32 }),
            Map.entry(P.getRoutingRule_Fwmask(), new long[] { 0, U32 }),
            Map.entry(P.getIptMarkMatch_Value(), new long[] { 0, U32 }),
            Map.entry(P.getIptMarkMatch_Mask(), new long[] { 0, U32 }),
            Map.entry(P.getIptMarkTarget_Value(), new long[] { 0, U32 }),
            Map.entry(P.getIptMarkTarget_Mask(), new long[] { 0, U32 }),
            Map.entry(P.getIptConnmarkTarget_Value(), new long[] { 0, U32 }),
            Map.entry(P.getIptConnmarkTarget_Mask(), new long[] { 0, U32 }),
            Map.entry(P.getIptConnmarkTarget_Nfmask(), new long[] { 0, U32 }),
            Map.entry(P.getIptConnmarkTarget_Ctmask(), new long[] { 0, U32 }),
            Map.entry(P.getIptPolicyMatch_Spi(), new long[] { 0, U32 }),
            Map.entry(P.getIptPolicyMatch_Reqid(), new long[] { 0, U32 }),
            Map.entry(P.getXfrmState_Reqid(), new long[] { 0, U32 }),
            Map.entry(P.getXfrmTemplate_Spi(), new long[] { 0, U32 }),
            Map.entry(P.getXfrmTemplate_Reqid(), new long[] { 0, U32 }),
            Map.entry(P.getProbe_Spi(), new long[] { 0, U32 }),
            Map.entry(P.getProbe_Mark(), new long[] { 0, U32 }),
            Map.entry(P.getIptCtTarget_Zone(), new long[] { 0, U16 }),
            Map.entry(P.getNftVerdict_QueueNum(), new long[] { 0, U16 }),
            Map.entry(P.getNftLog_Group(), new long[] { 0, U16 }),
            Map.entry(P.getXfrmSelector_Sport(), new long[] { 0, U16 }),
            Map.entry(P.getXfrmSelector_Dport(), new long[] { 0, U16 }));

    /** Numbers of the table above. Data: min, max. */
    @Check
    public void checkNumberRanges(EObject o) {
        for (EAttribute a : o.eClass().getEAllAttributes()) {
            long[] range = RANGES.get(a);
            if (range == null || a.isMany() || (a.isUnsettable() && !o.eIsSet(a)) || !(o.eGet(a) instanceof Number n)) {
                continue;
            }
            long v = n.longValue();
            if (v < range[0] || v > range[1]) {
                outOfRange(o, a, Long.toUnsignedString(v), range[0], range[1]);
            }
        }
    }

    /** Texts the exports write in double quotes, with the longest each tool takes. */
    private static final Map<EAttribute, Integer> QUOTED = Map.of(
            P.getNftLog_Prefix(), 127,
            P.getIptLogTarget_Prefix(), 29,
            P.getNftRule_Comment(), 128,
            P.getNftTable_Comment(), 128,
            P.getNftChain_Comment(), 128,
            P.getNftSetDecl_Comment(), 128,
            P.getNftLiteral_Comment(), 128,
            P.getIptCommentMatch_Comment(), 255);

    /** A log prefix or comment: short enough for its tool, and without what a quoted string cannot hold. Data: the maximum. */
    @Check
    public void checkQuotedText(EObject o) {
        for (EAttribute a : o.eClass().getEAllAttributes()) {
            Integer max = QUOTED.get(a);
            if (max != null && o.eGet(a) instanceof String text) {
                quoted(o, a, text, max);
            }
        }
    }

    /** A quoted nft value ("eth0", a string constant): at most 255 characters, nothing a quoted string cannot hold. */
    @Check
    public void checkNftQuotedValue(NftLiteral l) {
        for (EAttribute a : List.of(P.getNftLiteral_Value(), P.getNftLiteral_RangeEnd())) {
            String v = (String) l.eGet(a);
            if (v != null && v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                quoted(l, a, v.substring(1, v.length() - 1), NFT_NAME_MAX);
            }
        }
    }

    private void quoted(EObject o, EAttribute a, String text, int max) {
        String what = a.getName().equals("prefix") ? "log prefix" : a.getName();
        if (text.length() > max) {
            error("The " + what + " is " + text.length() + " characters long; at most " + max + " are written", o, a,
                    IssueCodes.TEXT_NOT_WRITABLE, Integer.toString(max));
            return;
        }
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\' || Character.isISOControl(c)) {
                error("The " + what + " holds " + (c == '"' ? "a double quote" : c == '\\' ? "a backslash" : "a control character")
                        + ", which a quoted string in the exported files cannot hold", o, a, IssueCodes.TEXT_NOT_WRITABLE,
                        Integer.toString(max));
                return;
            }
        }
    }

    /** An SPI identifies a state: never 0, 16 bits for IPComp (its CPI), 32 bits otherwise. Data: min, max. */
    @Check
    public void checkStateSpi(XfrmState s) {
        long max = s.getProto() == IpsecProto.COMP ? U16 : U32;
        if (s.getSpi() < 1 || s.getSpi() > max) {
            outOfRange(s, P.getXfrmState_Spi(), Long.toUnsignedString(s.getSpi()), 1, max);
        }
    }

    /** The value (and mask) of an nft match fits the field it is compared with. */
    @Check
    public void checkNftMatchValue(NftMatch m) {
        Field field = field(m.getLeft());
        checkValue(m.getRight(), field);
        if (m.getMask() != null) {
            String problem = problem(m.getMask(), field == Field.ADDRESS ? Field.ADDRESS_ONLY : field);
            if (problem != null) {
                error("Mask " + problem, m, P.getNftMatch_Mask(), IssueCodes.VALUE_OUT_OF_RANGE, "0", field.max());
            }
        }
    }

    /** {@code meta mark set 0x...}, {@code ip saddr set ...}: the value fits the field that is set. */
    @Check
    public void checkNftSetStatementValue(NftSetStatement s) {
        checkValue(s.getValue(), field(s.getTarget()));
    }

    /** The elements of a named set fit its type. */
    @Check
    public void checkNftSetElements(NftSet set) {
        for (NftLiteral l : set.getElements()) {
            checkConcatenation(l, set.getTypes());
        }
    }

    /** Each part of a (concatenated) element against its own data type. */
    private void checkConcatenation(NftLiteral l, java.util.List<String> types) {
        int i = 0;
        for (NftLiteral part = l; part != null && i < 64; part = part.getNext(), i++) {
            checkLiteral(part, field(i < types.size() ? types.get(i) : null));
        }
    }

    /** The keys and values of a named map fit their types. */
    @Check
    public void checkNftMapElements(NftMap map) {
        for (NftMapElement e : map.getElements()) {
            checkConcatenation(e.getKey(), map.getKeyTypes());
            if (e.getValue() != null) {
                checkConcatenation(e.getValue(), map.getValueTypes());
            }
        }
    }

    /** Table, chain, set, map and define names: nft takes at most 255 characters. Data: the maximum. */
    @Check
    public void checkNftNameLength(NamedElement e) {
        if ((e instanceof NftTable || e instanceof NftChain || e instanceof NftSet || e instanceof NftMap
                || e instanceof NftDefine) && e.getName() != null && e.getName().length() > NFT_NAME_MAX) {
            tooLong(e, "nft name", NFT_NAME_MAX);
        }
    }

    /** Namespace names become folders and file names of the export. Data: the maximum. */
    @Check
    public void checkNamespaceNameLength(Namespace ns) {
        if (ns.getName() != null && ns.getName().length() > NAMESPACE_NAME_MAX) {
            tooLong(ns, "namespace name", NAMESPACE_NAME_MAX);
        }
    }

    // ------------------------------------------------------------------ nft values by field

    /** What kind of value a field of a packet, of the packet's metadata or of its connection holds. */
    enum Field {
        ADDRESS(0), ADDRESS_ONLY(0), MAC(0), BITS8(0xff), BITS6(0x3f), BITS12(0xfff), BITS16(U16), BITS32(U32), OTHER(0);

        final long max;

        Field(long max) {
            this.max = max;
        }

        String max() {
            return Long.toString(max);
        }
    }

    private static Field field(NftExpr e) {
        if (e instanceof NftPayloadExpr p && p.getProtocol() != null && p.getField() != null) {
            String proto = p.getProtocol().getLiteral();
            String field = p.getField().getLiteral();
            if (proto.equals("arp") && (field.equals("saddr") || field.equals("daddr"))) {
                return p.getSubField() == NftArpAddrKind.ETHER ? Field.MAC : Field.ADDRESS;
            }
            return switch (proto + " " + field) {
                case "ip saddr", "ip daddr" -> Field.ADDRESS;
                case "ether saddr", "ether daddr" -> Field.MAC;
                case "tcp sport", "tcp dport", "udp sport", "udp dport", "th sport", "th dport", "ip length", "icmp id" -> Field.BITS16;
                case "ip ttl", "ip protocol", "icmp type", "icmp code" -> Field.BITS8;
                case "ip dscp" -> Field.BITS6;
                case "vlan id" -> Field.BITS12;
                case "esp spi", "ah spi" -> Field.BITS32;
                default -> Field.OTHER;
            };
        }
        if (e instanceof NftMetaExpr m && m.getKey() != null) {
            return switch (m.getKey()) {
                case MARK, SKUID, SKGID, LENGTH -> Field.BITS32;
                case L4PROTO -> Field.BITS8;
                default -> Field.OTHER;
            };
        }
        if (e instanceof NftCtExpr c && c.getKey() != null) {
            return switch (c.getKey()) {
                case MARK, EXPIRATION -> Field.BITS32;
                case ZONE -> Field.BITS16;
                default -> Field.OTHER;
            };
        }
        if (e instanceof NftRtExpr r && r.getKey() != null) {
            return switch (r.getKey()) {
                case NEXTHOP -> Field.ADDRESS;
                case MTU -> Field.BITS16;
                case CLASSID -> Field.BITS32;
                default -> Field.OTHER;
            };
        }
        return Field.OTHER;
    }

    private static Field field(String type) {
        if (type == null) {
            return Field.OTHER;
        }
        return switch (type) {
            case "ipv4_addr" -> Field.ADDRESS;
            case "ether_addr" -> Field.MAC;
            case "inet_service" -> Field.BITS16;
            case "inet_proto" -> Field.BITS8;
            case "mark" -> Field.BITS32;
            default -> Field.OTHER;
        };
    }

    private void checkValue(NftValue v, Field field) {
        if (v instanceof NftLiteral l) {
            checkLiteral(l, field);
        } else if (v instanceof NftListValue list) {
            list.getElements().forEach(l -> checkLiteral(l, field));
        } else if (v instanceof NftAnonymousSet set) {
            set.getElements().forEach(l -> checkLiteral(l, field));
        }
    }

    /** Data: min, max for numbers; the text for addresses. */
    private void checkLiteral(NftLiteral l, Field field) {
        if (l == null) {
            return;
        }
        for (EAttribute a : List.of(P.getNftLiteral_Value(), P.getNftLiteral_RangeEnd())) {
            String text = (String) l.eGet(a);
            String problem = text == null ? null : problem(text, a == P.getNftLiteral_RangeEnd() && field == Field.ADDRESS ? Field.ADDRESS_ONLY : field);
            if (problem != null) {
                error(Character.toUpperCase(problem.charAt(0)) + problem.substring(1), l, a,
                        field.max == 0 ? IssueCodes.ADDRESS_INVALID : IssueCodes.VALUE_OUT_OF_RANGE, field.max == 0 ? text : "0", field.max());
            }
        }
    }

    /**
     * Why {@code text} does not fit {@code field}, or null. Symbolic values (http, established, $var) are left to the
     * checks that know them; numbers, dotted addresses and MAC addresses are judged here.
     */
    static String problem(String text, Field field) {
        String t = text.strip();
        if (t.startsWith("\"") || t.startsWith("$") || t.startsWith("@")) {
            return null;
        }
        if (DOTTED.matcher(t).matches() || (t.indexOf('.') > 0 && Character.isDigit(t.charAt(0)) && field == Field.ADDRESS)) {
            if (field == Field.ADDRESS_ONLY && t.contains("/")) {
                return "'" + t + "' is not an IPv4 address (a.b.c.d, each 0..255)";
            }
            return isIpv4Prefix(t) ? null : "'" + t + "' is not an IPv4 address or prefix (a.b.c.d, each 0..255, /0..32)";
        }
        if ((field == Field.ADDRESS || field == Field.ADDRESS_ONLY) && t.indexOf(':') >= 0) {
            IpPrefix p = IpPrefix.tryParse(t);
            if (p == null || p.isAny() || !p.address().isIpv6() || field == Field.ADDRESS_ONLY && t.contains("/")) {
                return "'" + t + "' is not an IPv6 address" + (field == Field.ADDRESS ? " or prefix (RFC 4291 text, /0..128)" : "");
            }
            return null;
        }
        if (field == Field.MAC && t.indexOf(':') > 0) {
            return t.matches("[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}") ? null
                    : "'" + t + "' is not a MAC address (six bytes 00..ff, 02:00:00:00:00:01)";
        }
        if (field.max > 0 && NUMBER.matcher(t).matches()) {
            BigInteger v = number(t);
            if (v == null || v.compareTo(BigInteger.valueOf(field.max)) > 0) {
                return t + " is out of range (0.." + field.max + (field.max >= 0xff ? ", 0x" + Long.toHexString(field.max) : "") + ")";
            }
        }
        return null;
    }

    /** An IPv4 address or prefix (a bare address is a host prefix). */
    private static boolean isIpv4Prefix(String text) {
        IpPrefix p = IpPrefix.tryParse(text);
        return p != null && !p.isAny() && p.address().isIpv4();
    }

    /** A decimal or 0x-hexadecimal number of any size, or null. */
    private static BigInteger number(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            return t.startsWith("0x") ? new BigInteger(t.substring(2), 16) : new BigInteger(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The words for a numeric attribute in a message: "Port 65536", "Mark 4294967296". */
    private static String label(EStructuralFeature f) {
        return switch (f.getName()) {
            case "sport", "dport" -> "Port";
            case "value" -> "Mark";
            case "mask", "nfmask", "ctmask", "fwmask" -> "Mark mask";
            case "fwmark" -> "Fwmark";
            case "spi" -> "SPI";
            case "reqid" -> "Reqid";
            case "zone" -> "Conntrack zone";
            case "queueNum" -> "Queue number";
            case "group" -> "Log group";
            default -> Character.toUpperCase(f.getName().charAt(0)) + f.getName().substring(1);
        };
    }

    private void outOfRange(EObject o, EStructuralFeature f, String value, long min, long max) {
        error(label(f) + " " + value + " is out of range (" + min + ".."
                + max + (max >= 0xff ? ", 0x" + Long.toHexString(max) : "") + ")", o, f, IssueCodes.VALUE_OUT_OF_RANGE,
                Long.toString(min), Long.toString(max));
    }

    private void tooLong(NamedElement e, String what, int max) {
        error("The " + what + " is " + e.getName().length() + " characters long; at most " + max + " are allowed", e,
                P.getNamedElement_Name(), IssueCodes.NAME_TOO_LONG, Integer.toString(max));
    }
}
