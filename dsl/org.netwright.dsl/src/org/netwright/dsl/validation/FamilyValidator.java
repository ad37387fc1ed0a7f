package org.netwright.dsl.validation;

import java.util.List;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.validation.Check;
import org.netwright.model.Header;
import org.netwright.model.IptAddressMatch;
import org.netwright.model.IptIcmpMatch;
import org.netwright.model.IptIprangeMatch;
import org.netwright.model.IptNatTarget;
import org.netwright.model.IptPolicyMatch;
import org.netwright.model.NetwrightPackage;
import org.netwright.model.NftFamily;
import org.netwright.model.NftLiteral;
import org.netwright.model.NftMatch;
import org.netwright.model.NftMetaExpr;
import org.netwright.model.NftMetaKey;
import org.netwright.model.NftNat;
import org.netwright.model.NftPayloadExpr;
import org.netwright.model.NftPayloadProto;
import org.netwright.model.NftRule;
import org.netwright.model.NftStatement;
import org.netwright.model.NftTable;
import org.netwright.model.Probe;
import org.netwright.model.Route;
import org.netwright.model.RoutingRule;
import org.netwright.model.XfrmSelector;
import org.netwright.model.XfrmState;
import org.netwright.model.XfrmTemplate;
import org.netwright.model.semantics.Families;
import org.netwright.model.semantics.IpAddress;
import org.netwright.model.semantics.IpAddress.Family;
import org.netwright.model.semantics.IpPrefix;
import org.netwright.model.semantics.IpRange;

/**
 * IPv4 and IPv6 kept apart where the kernel keeps them apart: a match of one family in a table of the other never
 * matches, an address of the other family is refused by nft, ip6tables-restore and ip, and the two ends of a route,
 * rule, probe or SA are of one family.
 */
public class FamilyValidator extends AbstractNetwrightCheck {

    private static final NetwrightPackage P = NetwrightPackage.eINSTANCE;

    /** ip daddr in an ip6 table (or ip6 daddr in an ip table): the table never sees such packets. */
    @Check
    public void checkMatchFamily(NftMatch match) {
        NftTable table = EcoreUtil2.getContainerOfType(match, NftTable.class);
        if (!(match.getLeft() instanceof NftPayloadExpr p) || table == null) {
            return;
        }
        Family family = Families.ofPayload(p.getProtocol());
        Set<Family> seen = Families.ofNftTable(table.getFamily());
        if (family != null && !seen.contains(family) && seen.size() == 1) {
            NftPayloadProto instead = sameFieldOtherFamily(p.getProtocol());
            // nft loads it; the rule just never matches
            warning("'" + p.getProtocol().getLiteral() + "' matches " + Families.name(family) + " packets, which a table of family "
                    + table.getFamily().getLiteral() + " never sees" + (instead == null ? "" : ": use '" + instead.getLiteral() + "'"),
                    p, P.getNftPayloadExpr_Protocol(), IssueCodes.NFT_MATCH_FAMILY, instead == null ? "" : instead.getLiteral());
            return;
        }
        if (p.getProtocol() == NftPayloadProto.IP || p.getProtocol() == NftPayloadProto.IP6) {
            for (NftLiteral l : literals(match.getRight())) {
                checkLiteralFamily(l, family);
            }
        }
    }

    private static NftPayloadProto sameFieldOtherFamily(NftPayloadProto p) {
        return switch (p) {
        case IP -> NftPayloadProto.IP6;
        case IP6 -> NftPayloadProto.IP;
        case ICMP -> NftPayloadProto.ICMPV6;
        case ICMPV6 -> NftPayloadProto.ICMP;
        default -> null;
        };
    }

    private static List<NftLiteral> literals(EObject value) {
        return value == null ? List.of() : EcoreUtil2.eAllOfType(value, NftLiteral.class);
    }

    private void checkLiteralFamily(NftLiteral l, Family family) {
        for (EStructuralFeature f : List.of(P.getNftLiteral_Value(), P.getNftLiteral_RangeEnd())) {
            IpPrefix p = IpPrefix.tryParse((String) l.eGet(f));
            if (p != null && !p.isAny() && p.family() != family) {
                wrongFamily(l.eGet(f), family, "this match", l, f);
            }
        }
    }

    /** NAT to an address of a family the table does not handle, or of another family than 'ip'/'ip6' says. */
    @Check
    public void checkNatFamily(NftNat nat) {
        NftTable table = EcoreUtil2.getContainerOfType(nat, NftTable.class);
        if (nat.getAddress() == null || nat.getAddress().isAny() || table == null) {
            return;
        }
        Family family = nat.getAddress().family();
        Family declared = nat.isSetAddressFamily() && nat.getAddressFamily() != null
                ? nat.getAddressFamily() == NftFamily.IP6 ? Family.IPV6 : Family.IPV4 : null;
        Set<Family> seen = Families.ofNftTable(table.getFamily());
        if (declared != null && declared != family) {
            wrongFamily(nat.getAddress(), declared, "'" + nat.getKind().getLiteral() + " " + nat.getAddressFamily().getLiteral() + "'",
                    nat, P.getNftNat_Address());
        } else if (!seen.contains(family) && seen.size() == 1) {
            wrongFamily(nat.getAddress(), seen.iterator().next(), "a table of family " + table.getFamily().getLiteral(), nat,
                    P.getNftNat_Address());
        } else if (nat.getAddressEnd() != null && nat.getAddressEnd().family() != family) {
            wrongFamily(nat.getAddressEnd(), family, "this range", nat, P.getNftNat_AddressEnd());
        } else if (declared == null && table.getFamily() == NftFamily.INET && !familyFixedBefore(nat)) {
            String keyword = family == Family.IPV6 ? "ip6" : "ip";
            error("In an inet table nft needs the family of a NAT address: write '" + nat.getKind().getLiteral() + " " + keyword
                    + " to ...' (or match ip/ip6 or meta nfproto first)", nat, P.getNftNat_Kind(), IssueCodes.NAT_FAMILY_MISSING, keyword);
        }
    }

    /** An ip/ip6 payload match or meta nfproto before the statement fixes the rule's family for nft. */
    private static boolean familyFixedBefore(NftStatement statement) {
        if (!(statement.eContainer() instanceof NftRule rule)) {
            return true;
        }
        for (NftStatement s : rule.getStatements()) {
            if (s == statement) {
                return false;
            }
            if (s instanceof NftMatch m && (m.getLeft() instanceof NftPayloadExpr p && Families.ofPayload(p.getProtocol()) != null
                    || m.getLeft() instanceof NftMetaExpr meta && meta.getKey() == NftMetaKey.NFPROTO)) {
                return true;
            }
        }
        return false;
    }

    @Check
    public void checkIptAddressFamily(IptAddressMatch match) {
        checkIpt(match.getAddress(), match, P.getIptAddressMatch_Address());
    }

    @Check
    public void checkIptNatFamily(IptNatTarget target) {
        checkIpt(target.getAddress(), target, P.getIptNatTarget_Address());
        checkIpt(target.getAddressEnd(), target, P.getIptNatTarget_AddressEnd());
    }

    @Check
    public void checkIptPolicyFamily(IptPolicyMatch match) {
        checkIpt(match.getTunnelSrc(), match, P.getIptPolicyMatch_TunnelSrc());
        checkIpt(match.getTunnelDst(), match, P.getIptPolicyMatch_TunnelDst());
    }

    @Check
    public void checkIptRangeFamily(IptIprangeMatch match) {
        for (EStructuralFeature f : List.of(P.getIptIprangeMatch_SrcRange(), P.getIptIprangeMatch_DstRange())) {
            if (match.eGet(f) instanceof IpRange r) {
                checkIpt(r.first(), match, f);
            }
        }
    }

    private void checkIpt(Object address, EObject element, EStructuralFeature feature) {
        Family family = Families.ofIptables(element);
        Family actual = familyOf(address);
        if (actual != null && actual != family) {
            wrongFamily(address, family, family == Family.IPV6 ? "an ip6tables block" : "an iptables block (write IPv6 rules in an "
                    + "ip6tables block)", element, feature);
        }
    }

    @Check
    public void checkIptIcmpFamily(IptIcmpMatch match) {
        Family family = Families.ofIptables(match);
        if ((family == Family.IPV6) != match.isIcmpv6()) {
            String option = family == Family.IPV6 ? "--icmpv6-type" : "--icmp-type";
            error("An " + (family == Family.IPV6 ? "ip6tables" : "iptables") + " block matches ICMP types with " + option, match,
                    P.getIptIcmpMatch_IcmpType(), IssueCodes.IPT_ICMP_FAMILY, option);
        }
    }

    @Check
    public void checkRouteFamily(Route route) {
        Family family = Families.of(route);
        checkSame(route.getVia(), family, "the route's destination", route, P.getRoute_Via());
        checkSame(route.getSrc(), family, "the route's destination", route, P.getRoute_Src());
    }

    @Check
    public void checkRuleFamily(RoutingRule rule) {
        checkSame(rule.getTo(), Families.of(rule), "the rule's from", rule, P.getRoutingRule_To());
    }

    @Check
    public void checkProbeFamily(Probe probe) {
        checkSame(probe.getSrcAddress(), Families.of(probe), "the destination " + probe.getDst(), probe, P.getProbe_SrcAddress());
    }

    @Check
    public void checkHeaderFamily(Header header) {
        if (header.getSrc() != null) {
            checkSame(header.getDst(), header.getSrc().family(), "the source " + header.getSrc(), header, P.getHeader_Dst());
        }
    }

    @Check
    public void checkXfrmStateFamily(XfrmState state) {
        if (state.getSrc() != null) {
            checkSame(state.getDst(), state.getSrc().family(), "the source " + state.getSrc(), state, P.getXfrmState_Dst());
        }
    }

    @Check
    public void checkXfrmSelectorFamily(XfrmSelector selector) {
        Family family = familyOf(selector.getSrc());
        if (family != null) {
            checkSame(selector.getDst(), family, "the source " + selector.getSrc(), selector, P.getXfrmSelector_Dst());
        }
    }

    @Check
    public void checkXfrmTemplateFamily(XfrmTemplate tmpl) {
        if (tmpl.getSrc() != null) {
            checkSame(tmpl.getDst(), tmpl.getSrc().family(), "the source " + tmpl.getSrc(), tmpl, P.getXfrmTemplate_Dst());
        }
    }

    private void checkSame(Object address, Family family, String what, EObject element, EStructuralFeature feature) {
        Family actual = familyOf(address);
        if (actual != null && actual != family) {
            wrongFamily(address, family, what, element, feature);
        }
    }

    private static Family familyOf(Object address) {
        if (address instanceof IpAddress a) {
            return a.family();
        }
        if (address instanceof IpPrefix p && !p.isAny()) {
            return p.family();
        }
        return null;
    }

    private void wrongFamily(Object address, Family family, String where, EObject element, EStructuralFeature feature) {
        error(address + " is not an " + Families.name(family) + " address, as " + where + " needs", element, feature,
                IssueCodes.ADDRESS_FAMILY, Families.name(family));
    }
}
