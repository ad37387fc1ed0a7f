package org.netwright.diagram.commands;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.draw2d.geometry.Rectangle;
import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.common.command.CompoundCommand;
import org.eclipse.emf.common.command.UnexecutableCommand;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.edit.command.AddCommand;
import org.eclipse.emf.edit.command.RemoveCommand;
import org.eclipse.emf.edit.command.SetCommand;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.netwright.diagram.DiagramLayout;
import org.netwright.model.BridgeInterface;
import org.netwright.model.Interface;
import org.netwright.model.Link;
import org.netwright.model.NamedElement;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.NetwrightFactory;
import org.netwright.model.NetwrightPackage.Literals;
import org.netwright.model.PhysicalInterface;
import org.netwright.model.Sysctl;
import org.netwright.model.VethInterface;

/**
 * The model edits the diagram offers, as EMF commands for the EditingDomain's stack. Edit policies
 * wrap them in {@link GefCommandOnEmf}. A result that cannot execute means "not allowed here".
 */
public final class ModelCommands {
    private final EditingDomain domain;
    private final DiagramLayout layout;
    private final EditScope context;

    public ModelCommands(EditingDomain domain, DiagramLayout layout) {
        this(domain, layout, null);
    }

    /** With a context, elements of imported files and a model shown read-only are not changed. */
    public ModelCommands(EditingDomain domain, DiagramLayout layout, EditScope context) {
        this.domain = domain;
        this.layout = layout;
        this.context = context;
    }

    private boolean editable(EObject... elements) {
        if (context == null) {
            return true;
        }
        for (EObject e : elements) {
            if (!context.canEdit(e)) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ factories of new elements

    /** A namespace with its loopback interface (the palette's "Namespace"). */
    public static Namespace newNamespace() {
        Namespace ns = NetwrightFactory.eINSTANCE.createNamespace();
        ns.setName("ns");
        Interface lo = NetwrightFactory.eINSTANCE.createLoopbackInterface();
        lo.setName("lo");
        ns.getInterfaces().add(lo);
        return ns;
    }

    /** A host that forwards (the palette's "Host / router"): loopback, eth0 and ip_forward = 1. */
    public static Namespace newRouter() {
        Namespace ns = newNamespace();
        ns.setName("router");
        ns.setDescription("router");
        PhysicalInterface eth = NetwrightFactory.eINSTANCE.createPhysicalInterface();
        eth.setName("eth0");
        ns.getInterfaces().add(eth);
        Sysctl forward = NetwrightFactory.eINSTANCE.createSysctl();
        forward.setKey("net.ipv4.ip_forward");
        forward.setValue("1");
        ns.getSysctls().add(forward);
        return ns;
    }

    public static BridgeInterface newBridge() {
        BridgeInterface br = NetwrightFactory.eINSTANCE.createBridgeInterface();
        br.setName("br0");
        return br;
    }

    public static VethInterface newVeth() {
        VethInterface v = NetwrightFactory.eINSTANCE.createVethInterface();
        v.setName("veth0");
        return v;
    }

    public static PhysicalInterface newPhysical() {
        PhysicalInterface p = NetwrightFactory.eINSTANCE.createPhysicalInterface();
        p.setName("eth0");
        return p;
    }

    // ------------------------------------------------------------------ names

    /** {@code base} if free, else base1, base2, ... ({@code veth0} -> veth1, veth2 ...). */
    public static String uniqueName(String base, Collection<? extends NamedElement> siblings) {
        Set<String> taken = new HashSet<>();
        for (NamedElement e : siblings) {
            taken.add(e.getName());
        }
        if (!taken.contains(base)) {
            return base;
        }
        String stem = base.replaceAll("\\d+$", "");
        for (int i = base.equals(stem) ? 1 : 0;; i++) {
            if (!taken.contains(stem + i)) {
                return stem + i;
            }
        }
    }

    /** A name the DSL accepts: not empty, no white space, no braces, quotes or separators. */
    public static boolean isValidName(String name) {
        return name != null && name.matches("[A-Za-z0-9_][A-Za-z0-9_.@+-]*");
    }

    private static List<? extends NamedElement> siblingsOf(EObject element) {
        if (element instanceof Namespace ns && ns.eContainer() instanceof Network network) {
            return network.getNamespaces();
        }
        if (element instanceof Interface && element.eContainer() instanceof Namespace ns) {
            return ns.getInterfaces();
        }
        return List.of();
    }

    // ------------------------------------------------------------------ creation

    /** Adds a new namespace (named uniquely before it is added) and stores its place. */
    public Command createNamespace(Network network, Namespace ns, Rectangle bounds) {
        if (!editable(network)) {
            return UnexecutableCommand.INSTANCE;
        }
        ns.setName(uniqueName(ns.getName(), network.getNamespaces()));
        CompoundCommand c = new CompoundCommand("Create namespace " + ns.getName());
        c.append(new AddCommand(domain, network, Literals.NETWORK__NAMESPACES, ns));
        c.append(new LayoutCommandAfterAdd(layout, ns, bounds));
        return c;
    }

    /** Adds a bridge to the namespace, shown as its own node at {@code bounds}. */
    public Command createBridge(Namespace owner, BridgeInterface bridge, Rectangle bounds) {
        if (!editable(owner)) {
            return UnexecutableCommand.INSTANCE;
        }
        bridge.setName(uniqueName(bridge.getName(), owner.getInterfaces()));
        CompoundCommand c = new CompoundCommand("Create bridge " + bridge.getName());
        c.append(new AddCommand(domain, owner, Literals.CONFIG_CONTAINER__INTERFACES, bridge));
        c.append(new LayoutCommandAfterAdd(layout, bridge, bounds));
        return c;
    }

    public Command createInterface(Namespace owner, Interface itf) {
        if (!editable(owner)) {
            return UnexecutableCommand.INSTANCE;
        }
        itf.setName(uniqueName(itf.getName(), owner.getInterfaces()));
        AddCommand add = new AddCommand(domain, owner, Literals.CONFIG_CONTAINER__INTERFACES, itf);
        add.setLabel("Create interface " + itf.getName());
        return add;
    }

    /** Stores the layout of an element that the preceding command adds (its key needs its container). */
    private static final class LayoutCommandAfterAdd extends org.eclipse.emf.common.command.AbstractCommand {
        private final DiagramLayout layout;
        private final EObject element;
        private final Rectangle bounds;

        LayoutCommandAfterAdd(DiagramLayout layout, EObject element, Rectangle bounds) {
            super("Place");
            this.layout = layout;
            this.element = element;
            this.bounds = bounds.getCopy();
        }

        @Override
        protected boolean prepare() {
            return true;
        }

        @Override
        public void execute() {
            redo();
        }

        @Override
        public void redo() {
            layout.setBounds(element, bounds);
        }

        @Override
        public void undo() {
            layout.setBounds(element, null);
        }
    }

    // ------------------------------------------------------------------ rename, move, delete

    public Command rename(EObject element, String newName) {
        if (!(element instanceof NamedElement named) || !isValidName(newName) || newName.equals(named.getName()) || !editable(element)) {
            return UnexecutableCommand.INSTANCE;
        }
        for (NamedElement sibling : siblingsOf(element)) {
            if (sibling != element && newName.equals(sibling.getName())) {
                return UnexecutableCommand.INSTANCE;
            }
        }
        SetCommand set = new SetCommand(domain, element, Literals.NAMED_ELEMENT__NAME, newName);
        String oldKey = DiagramLayout.keyOf(element);
        if (layout == null || oldKey == null) {
            set.setLabel("Rename " + named.getName() + " to " + newName);
            return set;
        }
        // the layout entries move to the new name in the same step: the node stays where it was even
        // when the model is re-read from the text (new objects, so no rename to follow)
        CompoundCommand c = new CompoundCommand("Rename " + named.getName() + " to " + newName);
        c.append(set);
        c.append(new RekeyLayout(layout, oldKey, element));
        return c;
    }

    public Command setBounds(EObject element, Rectangle bounds) {
        return new LayoutCommand("Move " + DiagramLayout.keyOf(element), layout, element, bounds);
    }

    public Command delete(Collection<? extends EObject> elements) {
        if (!editable(elements.toArray(EObject[]::new))) {
            return UnexecutableCommand.INSTANCE;
        }
        return new DeleteCommand(domain, layout, elements);
    }

    // ------------------------------------------------------------------ connections

    /**
     * Connects two diagram elements:
     * two free veth ends become peers; a namespace end gets a new veth end first; a bridge and an
     * interface of its namespace become bridge and port; two physical interfaces of different
     * namespaces get a cable ({@link Link}). Anything else cannot execute.
     */
    public Command connect(EObject source, EObject target) {
        if (source == null || target == null || source == target || (context != null && context.readOnlyReason() != null)) {
            return UnexecutableCommand.INSTANCE;
        }
        if (source instanceof BridgeInterface br && target instanceof Interface port) {
            return addPort(br, port);
        }
        if (target instanceof BridgeInterface br && source instanceof Interface port) {
            return addPort(br, port);
        }
        if (source instanceof PhysicalInterface a && target instanceof PhysicalInterface b) {
            return cable(a, b);
        }
        CompoundCommand c = new CompoundCommand("Create veth link");
        VethInterface a = vethEnd(source, target, c);
        VethInterface b = vethEnd(target, source, c);
        if (a == null || b == null || a == b) {
            return UnexecutableCommand.INSTANCE;
        }
        c.append(new SetCommand(domain, a, Literals.VETH_INTERFACE__PEER, b));
        c.append(new SetCommand(domain, b, Literals.VETH_INTERFACE__PEER, a));
        return c;
    }

    /** The existing free veth end, or a new one created in the namespace (the creation is appended to c). */
    private VethInterface vethEnd(EObject end, EObject other, CompoundCommand c) {
        if (end instanceof VethInterface v) {
            return v.getPeer() == null && !isPeerOfSomething(v) && editable(v) ? v : null;
        }
        if (end instanceof Namespace ns) {
            if (!editable(ns)) {
                return null;
            }
            if (other instanceof Namespace otherNs && otherNs == ns) {
                return null;
            }
            VethInterface v = newVeth();
            String otherName = other instanceof Namespace o ? o.getName() : other.eContainer() instanceof Namespace o ? o.getName() : "veth";
            v.setName(uniqueName(otherName + "0", ns.getInterfaces()));
            c.append(new AddCommand(domain, ns, Literals.CONFIG_CONTAINER__INTERFACES, v));
            return v;
        }
        return null;
    }

    private static boolean isPeerOfSomething(VethInterface v) {
        if (v.eContainer() != null && v.eContainer().eContainer() instanceof Network network) {
            for (Namespace ns : network.getNamespaces()) {
                for (Interface itf : ns.getInterfaces()) {
                    if (itf instanceof VethInterface other && other.getPeer() == v) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private Command addPort(BridgeInterface bridge, Interface port) {
        if (!editable(bridge) || port instanceof BridgeInterface || port.eContainer() != bridge.eContainer() || bridge.getPorts().contains(port)
            || port instanceof org.netwright.model.LoopbackInterface) {
            return UnexecutableCommand.INSTANCE;
        }
        AddCommand add = new AddCommand(domain, bridge, Literals.BRIDGE_INTERFACE__PORTS, port);
        add.setLabel("Add " + port.getName() + " to " + bridge.getName());
        return add;
    }

    private Command cable(PhysicalInterface a, PhysicalInterface b) {
        if (a.eContainer() == b.eContainer() || !(a.eContainer() instanceof Namespace ns) || !(ns.eContainer() instanceof Network owner)) {
            return UnexecutableCommand.INSTANCE;
        }
        // the cable goes into the edited file, even between two imported namespaces
        Network network = context != null ? context.network() : owner;
        List<Link> existing = context != null ? context.topology().links() : network.getLinks();
        for (Link l : existing) {
            if (l.getA() == a || l.getB() == a || l.getA() == b || l.getB() == b) {
                return UnexecutableCommand.INSTANCE;
            }
        }
        Link link = NetwrightFactory.eINSTANCE.createLink();
        link.setA(a);
        link.setB(b);
        AddCommand add = new AddCommand(domain, network, Literals.NETWORK__LINKS, link);
        add.setLabel("Connect " + a.getName() + " and " + b.getName());
        return add;
    }

    /** Removes a veth pairing (both sides), a bridge port or a cable. */
    public Command disconnectVeth(VethInterface a, VethInterface b) {
        if (!editable(a, b)) {
            return UnexecutableCommand.INSTANCE;
        }
        CompoundCommand c = new CompoundCommand("Delete veth link " + a.getName() + " - " + b.getName());
        if (a.getPeer() == b) {
            c.append(new SetCommand(domain, a, Literals.VETH_INTERFACE__PEER, null));
        }
        if (b.getPeer() == a) {
            c.append(new SetCommand(domain, b, Literals.VETH_INTERFACE__PEER, null));
        }
        return c.isEmpty() ? UnexecutableCommand.INSTANCE : c;
    }

    public Command removePort(BridgeInterface bridge, Interface port) {
        if (!editable(bridge)) {
            return UnexecutableCommand.INSTANCE;
        }
        RemoveCommand c = new RemoveCommand(domain, bridge, Literals.BRIDGE_INTERFACE__PORTS, port);
        c.setLabel("Remove " + port.getName() + " from " + bridge.getName());
        return c;
    }

    public Command removeLink(Link link) {
        if (!editable(link)) {
            return UnexecutableCommand.INSTANCE;
        }
        return new RemoveCommand(domain, link.eContainer(), Literals.NETWORK__LINKS, link);
    }

    /** Moves the layout entries of a renamed element (and those below it) from its old key to its new one. */
    private static final class RekeyLayout extends org.eclipse.emf.common.command.AbstractCommand {
        private final DiagramLayout layout;
        private final String oldKey;
        private final EObject element;
        private String newKey;

        RekeyLayout(DiagramLayout layout, String oldKey, EObject element) {
            super("Keep the place");
            this.layout = layout;
            this.oldKey = oldKey;
            this.element = element;
        }

        @Override
        protected boolean prepare() {
            return true;
        }

        @Override
        public void execute() {
            newKey = DiagramLayout.keyOf(element);
            redo();
        }

        @Override
        public void redo() {
            layout.rekey(oldKey, newKey);
        }

        @Override
        public void undo() {
            layout.rekey(newKey, oldKey);
        }
    }
}
