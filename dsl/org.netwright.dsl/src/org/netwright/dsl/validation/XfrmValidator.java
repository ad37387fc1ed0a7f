package org.netwright.dsl.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.eclipse.xtext.validation.Check;
import org.netwright.model.ConfigContainer;
import org.netwright.model.Namespace;
import org.netwright.model.NetwrightPackage;
import org.netwright.model.XfrmAction;
import org.netwright.model.XfrmLevel;
import org.netwright.model.XfrmMode;
import org.netwright.model.XfrmPolicy;
import org.netwright.model.XfrmState;
import org.netwright.model.XfrmTemplate;
import org.netwright.model.semantics.Namespaces;

/** ip xfrm: states and policies of one namespace fit together. */
public class XfrmValidator extends AbstractNetwrightCheck {

    private static final NetwrightPackage P = NetwrightPackage.eINSTANCE;

    @Check
    public void checkTunnelEndpoints(XfrmTemplate tmpl) {
        if (tmpl.getMode() == XfrmMode.TUNNEL && (tmpl.getSrc() == null || tmpl.getDst() == null)) {
            error("A tunnel-mode template needs the outer addresses: 'tmpl src A dst B ...'", tmpl, P.getXfrmTemplate_Mode(),
                    IssueCodes.XFRM_TUNNEL_ENDPOINTS);
        }
    }

    /** A required template without a state: the kernel drops the packets (or waits for an IKE daemon). */
    @Check
    public void checkTemplateHasState(XfrmTemplate tmpl) {
        XfrmPolicy policy = (XfrmPolicy) tmpl.eContainer();
        if (policy.getAction() == XfrmAction.BLOCK || tmpl.getLevel() == XfrmLevel.USE) {
            return;
        }
        List<XfrmState> states = states(Namespaces.namespaceOf(tmpl), tmpl);
        for (XfrmState s : states) {
            if (s.getProto() == tmpl.getProto() && s.getMode() == tmpl.getMode()
                    && (tmpl.getSrc() == null || tmpl.getSrc().equals(s.getSrc()))
                    && (tmpl.getDst() == null || tmpl.getDst().equals(s.getDst()))
                    && (!tmpl.isSetReqid() || s.isSetReqid() && s.getReqid() == tmpl.getReqid())
                    && (!tmpl.isSetSpi() || s.getSpi() == tmpl.getSpi())) {
                return;
            }
        }
        warning("No xfrm state matches this template (" + tmpl.getProto().getLiteral() + " " + tmpl.getMode().getLiteral()
                + (tmpl.getSrc() == null ? "" : " " + tmpl.getSrc() + " -> " + tmpl.getDst())
                + (tmpl.isSetReqid() ? " reqid " + tmpl.getReqid() : "") + "): packets matching the policy are dropped "
                + "until an SA exists", tmpl, P.getXfrmTemplate_Proto(), IssueCodes.XFRM_NO_STATE);
    }

    /** "File exists": an SA is identified by destination, protocol and SPI. */
    @Check
    public void checkStateUnique(XfrmState state) {
        for (XfrmState other : states(Namespaces.namespaceOf(state), state)) {
            if (other == state) {
                return;
            }
            if (other.getProto() == state.getProto() && other.getSpi() == state.getSpi()
                    && Objects.equals(other.getDst(), state.getDst())) {
                error("Another state has the same destination " + state.getDst() + ", protocol "
                        + state.getProto().getLiteral() + " and SPI 0x" + Long.toHexString(state.getSpi()), state,
                        P.getXfrmState_Spi(), IssueCodes.XFRM_DUPLICATE_STATE);
                return;
            }
        }
    }

    private List<XfrmState> states(Namespace ns, org.eclipse.emf.ecore.EObject perspective) {
        List<XfrmState> result = new ArrayList<>();
        if (ns == null) {
            ConfigContainer c = Namespaces.containerOf(perspective);
            if (c != null) {
                result.addAll(c.getXfrmStates());
            }
            return result;
        }
        for (ConfigContainer c : index().contributions(ns, perspective)) {
            result.addAll(c.getXfrmStates());
        }
        return result;
    }
}
