package org.netwright.dsl.validation;

import java.util.regex.Pattern;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.validation.Check;
import org.netwright.model.ConntrackExpectation;
import org.netwright.model.Expectation;
import org.netwright.model.Header;
import org.netwright.model.Namespace;
import org.netwright.model.NetwrightPackage;
import org.netwright.model.Probe;
import org.netwright.model.ProbeProtocol;

/** Probes and expectations: fields that fit the protocol, addresses the sender owns. */
public class ExpectationValidator extends AbstractNetwrightCheck {

    private static final NetwrightPackage P = NetwrightPackage.eINSTANCE;
    private static final Pattern IPV4_IN_TEXT = Pattern.compile("\\b(\\d{1,3}\\.){3}\\d{1,3}\\b");

    public static boolean hasPorts(ProbeProtocol protocol) {
        return protocol == ProbeProtocol.UDP || protocol == ProbeProtocol.TCP;
    }

    @Check
    public void checkProbePorts(Probe probe) {
        if (!hasPorts(probe.getProtocol())) {
            if (probe.getDport() != 0) {
                error(probe.getProtocol().getLiteral() + " has no ports", probe, P.getProbe_Dport(), IssueCodes.PROBE_PORTS);
            } else if (probe.getSport() != 0) {
                error(probe.getProtocol().getLiteral() + " has no ports", probe, P.getProbe_Sport(), IssueCodes.PROBE_PORTS);
            }
        } else if (probe.getDport() == 0) {
            error("A " + probe.getProtocol().getLiteral() + " probe needs a destination port: 'to ADDRESS:PORT'", probe,
                    P.getProbe_Dst(), IssueCodes.PROBE_DPORT_MISSING);
        }
        checkPort(probe, probe.getSport(), P.getProbe_Sport());
        checkPort(probe, probe.getDport(), P.getProbe_Dport());
    }

    @Check
    public void checkProbeFields(Probe probe) {
        ProbeProtocol proto = probe.getProtocol();
        boolean icmp = proto == ProbeProtocol.PING || proto == ProbeProtocol.ICMP;
        if (!icmp && probe.getIcmpType() != null) {
            fieldError(probe, "type", "ping and icmp probes", P.getProbe_IcmpType());
        } else if (!icmp && probe.isSetIcmpId()) {
            fieldError(probe, "id", "ping and icmp probes", P.getProbe_IcmpId());
        } else if (probe.isSetSpi() && proto != ProbeProtocol.ESP && proto != ProbeProtocol.AH) {
            fieldError(probe, "spi", "esp and ah probes", P.getProbe_Spi());
        } else if (probe.getTcpFlags() != null && proto != ProbeProtocol.TCP) {
            fieldError(probe, "flags", "tcp probes", P.getProbe_TcpFlags());
        } else if (probe.isSetIcmpId() && (probe.getIcmpId() < 0 || probe.getIcmpId() > 65535)) {
            error("ICMP id " + probe.getIcmpId() + " is out of range (0..65535)", probe, P.getProbe_IcmpId(),
                    IssueCodes.VALUE_OUT_OF_RANGE, "0", "65535");
        }
    }

    /** The lab sends the probe from the namespace: it can only use one of that namespace's addresses. */
    @Check
    public void checkProbeSource(Probe probe) {
        Namespace from = probe.getFrom();
        if (probe.getSrcAddress() != null && from != null && !from.eIsProxy()
                && !index().isLocal(from, probe.getSrcAddress(), probe)) {
            error(probe.getSrcAddress() + " is not an address of namespace " + q(from.getName())
                    + ": a probe can only be sent from an address its namespace owns", probe, P.getProbe_SrcAddress(),
                    IssueCodes.ADDRESS_NOT_LOCAL, probe.getSrcAddress().toString());
        }
    }

    @Check
    public void checkPayloadAddresses(Probe probe) {
        if (probe.getPayload() != null && IPV4_IN_TEXT.matcher(probe.getPayload()).find()) {
            warning("Addresses carried inside the payload are not rewritten by NAT (only the IP and L4 headers are); "
                    + "an application that reports its own address this way breaks behind NAT", probe,
                    P.getProbe_Payload(), IssueCodes.PAYLOAD_ADDRESS);
        }
    }

    @Check
    public void checkHeaderPorts(Header header) {
        Expectation expectation = EcoreUtil2.getContainerOfType(header, Expectation.class);
        Probe probe = expectation == null ? null : expectation.getProbe() != null ? expectation.getProbe() : expectation.getProbeRef();
        if (probe == null || probe.eIsProxy() || hasPorts(probe.getProtocol())) {
            checkPort(header, header.getSport(), P.getHeader_Sport());
            checkPort(header, header.getDport(), P.getHeader_Dport());
            return;
        }
        if (header.getSport() != 0 || header.getDport() != 0) {
            error(probe.getProtocol().getLiteral() + " has no ports", header,
                    header.getSport() != 0 ? P.getHeader_Sport() : P.getHeader_Dport(), IssueCodes.PROBE_PORTS);
        }
    }

    @Check
    public void checkConntrackZone(ConntrackExpectation ct) {
        if (ct.isSetZone() && (ct.getZone() < 0 || ct.getZone() > 65535)) {
            error("Conntrack zone " + ct.getZone() + " is out of range (0..65535)", ct, P.getConntrackExpectation_Zone(),
                    IssueCodes.VALUE_OUT_OF_RANGE, "0", "65535");
        }
    }

    private void checkPort(EObject o, int port, org.eclipse.emf.ecore.EStructuralFeature feature) {
        if (port < 0 || port > 65535) {
            error("Port " + port + " is out of range (0..65535)", o, feature, IssueCodes.VALUE_OUT_OF_RANGE, "0", "65535");
        }
    }

    private void fieldError(Probe probe, String field, String applies, org.eclipse.emf.ecore.EStructuralFeature feature) {
        error("'" + field + "' applies to " + applies + ", not to " + probe.getProtocol().getLiteral(), probe, feature,
                IssueCodes.PROBE_FIELD_PROTOCOL, field);
    }
}
