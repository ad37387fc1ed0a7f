package org.netwright.dsl.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.validation.Check;
import org.netwright.model.ConfigContainer;
import org.netwright.model.Import;
import org.netwright.model.Interface;
import org.netwright.model.IptChain;
import org.netwright.model.IptablesRuleset;
import org.netwright.model.IptablesTable;
import org.netwright.model.NamedElement;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.NetwrightPackage;
import org.netwright.model.NftRuleset;
import org.netwright.model.NftTable;
import org.netwright.model.RoutingTable;
import org.netwright.model.semantics.Imports;
import org.netwright.model.semantics.Namespaces;

/** Duplicate names in one scope, and imports of files that do not exist. */
public class NamesValidator extends AbstractNetwrightCheck {

    private static final EStructuralFeature NAME = NetwrightPackage.Literals.NAMED_ELEMENT__NAME;

    @Check
    public void checkImportExists(Import imp) {
        if (imp.getImportURI() == null || imp.eResource() == null || imp.eResource().getResourceSet() == null) {
            return;
        }
        URI uri = Imports.resolve(imp.getImportURI(), imp.eResource());
        ResourceSet set = imp.eResource().getResourceSet();
        boolean exists = uri != null && Imports.exists(set, uri);
        if (!exists) {
            String where = uri == null ? imp.getImportURI() : uri.isFile() ? uri.toFileString() : uri.toString();
            error("Cannot import " + q(imp.getImportURI()) + ": " + where + " does not exist (imports are relative to this file)",
                    imp, NetwrightPackage.Literals.IMPORT__IMPORT_URI, IssueCodes.IMPORT_NOT_FOUND, imp.getImportURI(),
                    String.valueOf(uri));
        }
    }

    /** Namespaces, named probes and scenarios are unique across a file and the files it imports. */
    @Check
    public void checkTopLevelNames(Network network) {
        List<NamedElement> visible = new ArrayList<>();
        for (Network n : index().visibleNetworks(network)) {
            visible.addAll(n.getNamespaces());
            visible.addAll(n.getProbes());
            visible.addAll(n.getScenarios());
        }
        List<NamedElement> own = new ArrayList<>();
        own.addAll(network.getNamespaces());
        own.addAll(network.getProbes());
        own.addAll(network.getScenarios());
        reportDuplicates(own, visible, e -> e.eClass().getName() + ":" + e.getName());
    }

    /** Interface and routing table names are unique in a namespace, including what extend blocks add. */
    @Check
    public void checkNamespaceNames(ConfigContainer container) {
        Namespace ns = Namespaces.namespaceOf(container);
        if (ns == null) {
            return;
        }
        List<Interface> interfaces = index().interfaces(ns, container);
        reportDuplicates(container.getInterfaces(), interfaces, Interface::getName);
        List<RoutingTable> tables = new ArrayList<>();
        for (ConfigContainer c : index().contributions(ns, container)) {
            tables.addAll(c.getRoutingTables());
        }
        reportDuplicates(container.getRoutingTables(), tables, RoutingTable::getName);
    }

    @Check
    public void checkNftRulesetNames(NftRuleset ruleset) {
        reportDuplicates(ruleset.getTables(), ruleset.getTables(), t -> t.getFamily().getLiteral() + " " + t.getName());
        reportDuplicates(ruleset.getDefines(), ruleset.getDefines(), NamedElement::getName);
    }

    /** Chains, and sets together with maps (one kernel namespace), are unique in a table. */
    @Check
    public void checkNftTableNames(NftTable table) {
        reportDuplicates(table.getChains(), table.getChains(), NamedElement::getName);
        List<NamedElement> setsAndMaps = new ArrayList<>(table.getSets());
        setsAndMaps.addAll(table.getMaps());
        reportDuplicates(setsAndMaps, setsAndMaps, NamedElement::getName);
    }

    @Check
    public void checkIptablesTables(IptablesRuleset ruleset) {
        Map<Object, IptablesTable> seen = new HashMap<>();
        for (IptablesTable t : ruleset.getTables()) {
            IptablesTable first = seen.putIfAbsent(t.getTable(), t);
            if (first != null) {
                error("Table *" + t.getTable().getLiteral() + " appears twice in this iptables block: merge the two",
                        t, NetwrightPackage.Literals.IPTABLES_TABLE__TABLE, IssueCodes.DUPLICATE_NAME, "table",
                        t.getTable().getLiteral());
            }
        }
    }

    @Check
    public void checkIptablesChains(IptablesTable table) {
        reportDuplicates(table.getChains(), table.getChains(),
                c -> c.getName() != null ? c.getName() : c.getBuiltin().getLiteral());
    }

    /** Reports every element of {@code own} whose key another element of {@code all} shares. */
    private <T extends EObject> void reportDuplicates(List<? extends T> own, List<? extends T> all,
            Function<T, String> key) {
        Map<String, Integer> counts = new HashMap<>();
        for (T e : all) {
            String k = key.apply(e);
            if (k != null && !k.endsWith("null")) {
                counts.merge(k, 1, Integer::sum);
            }
        }
        for (T e : own) {
            String k = key.apply(e);
            if (k != null && counts.getOrDefault(k, 0) > 1) {
                String kind = kind(e);
                String name = displayName(e);
                EStructuralFeature feature = e instanceof NamedElement ? NAME
                        : e instanceof IptChain ? NetwrightPackage.Literals.IPT_CHAIN__BUILTIN : null;
                if (e instanceof IptChain c && c.getName() != null) {
                    feature = NAME;
                }
                error("Duplicate " + kind + " " + q(name), e, feature, IssueCodes.DUPLICATE_NAME, kind, name);
            }
        }
    }

    private static String displayName(EObject e) {
        if (e instanceof NftTable t) {
            return t.getFamily().getLiteral() + " " + t.getName();
        }
        if (e instanceof IptChain c) {
            return c.getName() != null ? c.getName() : c.getBuiltin().getLiteral();
        }
        return e instanceof NamedElement n ? Objects.toString(n.getName()) : e.eClass().getName();
    }

    private static String kind(EObject e) {
        return switch (e.eClass().getName()) {
        case "Namespace" -> "namespace";
        case "Probe" -> "probe";
        case "Scenario" -> "scenario";
        case "RoutingTable" -> "routing table";
        case "NftTable" -> "table";
        case "NftChain", "IptChain" -> "chain";
        case "NftSet" -> "set";
        case "NftMap" -> "map";
        case "NftDefine" -> "variable";
        default -> e instanceof Interface ? "interface" : e.eClass().getName();
        };
    }
}
