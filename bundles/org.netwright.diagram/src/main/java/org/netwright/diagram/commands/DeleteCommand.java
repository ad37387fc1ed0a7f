package org.netwright.diagram.commands;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.common.command.AbstractCommand;
import org.eclipse.emf.common.command.CompoundCommand;
import org.eclipse.emf.common.notify.Notifier;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.edit.command.RemoveCommand;
import org.eclipse.emf.edit.command.SetCommand;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.netwright.diagram.DiagramLayout;
import org.netwright.model.Link;
import org.netwright.model.Network;
import org.netwright.model.NetwrightPackage;

/**
 * Deletes namespaces or interfaces together with every reference to them from elsewhere (veth peers,
 * bridge ports, links, routes, probes), and their layout entries. The work is worked out when the
 * command runs, so that several deletions in one GEF compound (a namespace and one of its interfaces
 * selected together) do not trip over each other.
 */
public final class DeleteCommand extends AbstractCommand {
    private final EditingDomain domain;
    private final DiagramLayout layout;
    private final List<EObject> elements;
    private final Map<String, DiagramLayout.Entry> removedLayout = new LinkedHashMap<>();
    private CompoundCommand work;

    public DeleteCommand(EditingDomain domain, DiagramLayout layout, Collection<? extends EObject> elements) {
        super("Delete " + describe(elements));
        this.domain = domain;
        this.layout = layout;
        this.elements = List.copyOf(elements);
    }

    private static String describe(Collection<? extends EObject> elements) {
        if (elements.size() == 1) {
            Object name = nameOf(elements.iterator().next());
            return name == null ? "element" : String.valueOf(name);
        }
        return elements.size() + " elements";
    }

    private static Object nameOf(EObject e) {
        EStructuralFeature f = e.eClass().getEStructuralFeature("name");
        return f == null ? null : e.eGet(f);
    }

    @Override
    protected boolean prepare() {
        return !elements.isEmpty() && elements.stream().allMatch(e -> e.eContainer() != null);
    }

    @Override
    public void execute() {
        work = new CompoundCommand();
        Set<EObject> doomed = new HashSet<>();
        List<EObject> roots = new ArrayList<>();
        for (EObject e : elements) {
            if (e.eContainer() != null && !EcoreUtil.isAncestor(roots, e)) {
                roots.add(e);
            }
        }
        for (EObject e : roots) {
            doomed.add(e);
            e.eAllContents().forEachRemaining(doomed::add);
        }
        Map<EObject, Collection<EStructuralFeature.Setting>> usages = usagesOf(doomed, scopeOf(roots.get(0)));
        Set<Link> deadLinks = new HashSet<>();
        for (Map.Entry<EObject, Collection<EStructuralFeature.Setting>> usage : usages.entrySet()) {
            for (EStructuralFeature.Setting setting : usage.getValue()) {
                EObject owner = setting.getEObject();
                EStructuralFeature feature = setting.getEStructuralFeature();
                if (doomed.contains(owner) || feature.isDerived() || !feature.isChangeable()) {
                    continue;
                }
                if (owner instanceof Link link) {
                    if (deadLinks.add(link) && link.eContainer() instanceof Network network) {
                        work.appendAndExecute(new RemoveCommand(domain, network, NetwrightPackage.Literals.NETWORK__LINKS, link));
                    }
                } else if (feature.isMany()) {
                    work.appendAndExecute(new RemoveCommand(domain, owner, feature, usage.getKey()));
                } else if (owner.eGet(feature) == usage.getKey()) {
                    work.appendAndExecute(new SetCommand(domain, owner, feature, null));
                }
            }
        }
        for (EObject e : roots) {
            forgetLayout(e);
            work.appendAndExecute(new RemoveCommand(domain, e.eContainer(), e.eContainmentFeature(), e));
        }
    }

    private void forgetLayout(EObject e) {
        String key = DiagramLayout.keyOf(e);
        if (key == null || layout == null) {
            return;
        }
        layout.boundsOf(e); // follow a rename first
        for (String k : layout.keys()) {
            if (k.equals(key) || k.startsWith(key + "/")) {
                removedLayout.put(k, layout.entry(k));
            }
        }
        removedLayout.keySet().forEach(k -> layout.put(k, null));
    }

    private static Map<EObject, Collection<EStructuralFeature.Setting>> usagesOf(Set<EObject> targets, Notifier scope) {
        if (scope instanceof org.eclipse.emf.ecore.resource.ResourceSet set) {
            return EcoreUtil.UsageCrossReferencer.findAll(targets, set);
        }
        if (scope instanceof org.eclipse.emf.ecore.resource.Resource resource) {
            return EcoreUtil.UsageCrossReferencer.findAll(targets, resource);
        }
        return EcoreUtil.UsageCrossReferencer.findAll(targets, (EObject) scope);
    }

    private static Notifier scopeOf(EObject e) {
        if (e.eResource() != null && e.eResource().getResourceSet() != null) {
            return e.eResource().getResourceSet();
        }
        if (e.eResource() != null) {
            return e.eResource();
        }
        return EcoreUtil.getRootContainer(e);
    }

    @Override
    public void undo() {
        work.undo();
        removedLayout.forEach(layout::put);
    }

    @Override
    public void redo() {
        removedLayout.keySet().forEach(k -> layout.put(k, null));
        work.redo();
    }

    @Override
    public Collection<?> getAffectedObjects() {
        return elements;
    }
}
