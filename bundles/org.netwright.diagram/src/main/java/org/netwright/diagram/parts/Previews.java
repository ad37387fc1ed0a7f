package org.netwright.diagram.parts;

import org.eclipse.draw2d.IFigure;
import org.eclipse.draw2d.geometry.Dimension;
import org.eclipse.emf.ecore.EObject;
import org.netwright.diagram.figures.BridgeFigure;
import org.netwright.diagram.figures.InterfaceFigure;
import org.netwright.diagram.figures.NamespaceFigure;
import org.netwright.diagram.figures.Styles;
import org.netwright.model.BridgeInterface;
import org.netwright.model.Interface;
import org.netwright.model.Namespace;
import org.netwright.topology.Describe;

/** Figures built off-screen for a model element, to know its size before it is shown (auto layout). */
public final class Previews {
    private Previews() {
    }

    public static IFigure figureOf(EObject element) {
        if (element instanceof Namespace ns) {
            NamespaceFigure f = new NamespaceFigure();
            f.update(ns.getName(), Describe.facts(ns));
            for (Interface itf : ns.getInterfaces()) {
                if (!(itf instanceof BridgeInterface)) {
                    InterfaceFigure row = new InterfaceFigure();
                    row.update(itf.getName(), Describe.kind(itf), Describe.addresses(itf), itf.isDown(), Styles.kindColor(itf));
                    f.getCompartment().add(row);
                }
            }
            return f;
        }
        if (element instanceof BridgeInterface br) {
            BridgeFigure f = new BridgeFigure();
            f.update(br.getName(), br.eContainer() instanceof Namespace ns ? ns.getName() : "?", Describe.addresses(br));
            return f;
        }
        return null;
    }

    public static Dimension preferredSize(EObject element) {
        IFigure f = figureOf(element);
        if (f == null) {
            return new Dimension(120, 60);
        }
        f.setFont(Styles.normal());
        return f.getPreferredSize().getCopy();
    }
}
