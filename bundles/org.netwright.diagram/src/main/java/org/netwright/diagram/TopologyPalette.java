package org.netwright.diagram;

import java.util.function.Supplier;

import org.eclipse.gef.palette.CombinedTemplateCreationEntry;
import org.eclipse.gef.palette.ConnectionCreationToolEntry;
import org.eclipse.gef.palette.MarqueeToolEntry;
import org.eclipse.gef.palette.PaletteDrawer;
import org.eclipse.gef.palette.PaletteGroup;
import org.eclipse.gef.palette.PaletteRoot;
import org.eclipse.gef.palette.PaletteSeparator;
import org.eclipse.gef.palette.SelectionToolEntry;
import org.eclipse.gef.requests.CreationFactory;
import org.eclipse.gef.tools.AbstractTool;
import org.netwright.diagram.commands.ModelCommands;
import org.netwright.model.BridgeInterface;
import org.netwright.model.Namespace;
import org.netwright.model.PhysicalInterface;
import org.netwright.model.VethInterface;

/** The palette: selection, marquee, namespace, host/router, bridge, interfaces, veth link. */
public final class TopologyPalette {
    public static final String SELECTION = "Select";
    public static final String MARQUEE = "Marquee";
    public static final String NAMESPACE = "Namespace";
    public static final String ROUTER = "Host / router";
    public static final String BRIDGE = "Bridge";
    public static final String VETH = "Veth interface";
    public static final String PHYSICAL = "Physical interface";
    public static final String LINK = "Veth link";

    private TopologyPalette() {
    }

    public static PaletteRoot create() {
        PaletteRoot root = new PaletteRoot();
        PaletteGroup tools = new PaletteGroup("Tools");
        SelectionToolEntry selection = new SelectionToolEntry(SELECTION);
        tools.add(selection);
        tools.add(new MarqueeToolEntry(MARQUEE));
        root.add(tools);
        root.setDefaultEntry(selection);

        PaletteDrawer nodes = new PaletteDrawer("Topology");
        nodes.add(entry(NAMESPACE, "A network namespace with its loopback (drop on the canvas)", Namespace.class, ModelCommands::newNamespace));
        nodes.add(entry(ROUTER, "A host that forwards: lo, eth0, ip_forward = 1 (drop on the canvas)", Namespace.class, ModelCommands::newRouter));
        nodes.add(entry(BRIDGE, "A Linux bridge (drop on its namespace, or near it)", BridgeInterface.class, ModelCommands::newBridge));
        nodes.add(new PaletteSeparator());
        nodes.add(entry(VETH, "One end of a veth pair (drop on a namespace)", VethInterface.class, ModelCommands::newVeth));
        nodes.add(entry(PHYSICAL, "A physical interface (drop on a namespace)", PhysicalInterface.class, ModelCommands::newPhysical));
        nodes.add(new PaletteSeparator());
        ConnectionCreationToolEntry link = new ConnectionCreationToolEntry(LINK,
            "Connect two veth interfaces or two namespaces (a new veth pair); bridge to interface adds a port; two physical interfaces get a cable",
            factory(Object.class, () -> null), null, null);
        link.setToolProperty(AbstractTool.PROPERTY_UNLOAD_WHEN_FINISHED, Boolean.TRUE);
        nodes.add(link);
        root.add(nodes);
        return root;
    }

    private static CombinedTemplateCreationEntry entry(String label, String description, Class<?> type, Supplier<Object> maker) {
        return new CombinedTemplateCreationEntry(label, description, type, factory(type, maker), null, null);
    }

    private static CreationFactory factory(Class<?> type, Supplier<Object> maker) {
        return new CreationFactory() {
            @Override
            public Object getNewObject() {
                return maker.get();
            }

            @Override
            public Object getObjectType() {
                return type;
            }
        };
    }
}
