package org.netwright.dsl.validation;

import org.eclipse.xtext.validation.ComposedChecks;

/**
 * The Netwright validator: one class per topic, each rule a small {@code @Check} with a code from
 * {@link IssueCodes}. The rules state what the kernel and the tools (ip, nft, iptables-restore) refuse or
 * silently ignore; deeper diagnostics that need a packet walk live in the engine.
 */
@ComposedChecks(validators = { NamesValidator.class, TopologyValidator.class, RoutingValidator.class,
        NftValidator.class, IptablesValidator.class, XfrmValidator.class, ExpectationValidator.class, InputValidator.class,
        ValuesValidator.class, FamilyValidator.class })
public class NetwrightValidator extends AbstractNetwrightValidator {

    /**
     * The Netwright EPackage belongs to this language only, so its rules apply to every Netwright model: also to
     * models the diagram or an importer builds in memory (EMF's Diagnostician), not only to parsed .nwp files.
     */
    @Override
    public boolean isLanguageSpecific() {
        return false;
    }
}
