package org.netwright.diagram.properties;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.common.command.CompoundCommand;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.edit.command.AddCommand;
import org.eclipse.emf.edit.command.RemoveCommand;
import org.eclipse.emf.edit.command.SetCommand;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.IPropertySource;
import org.eclipse.ui.views.properties.PropertyDescriptor;
import org.eclipse.ui.views.properties.TextPropertyDescriptor;
import org.netwright.diagram.commands.ModelCommands;

/**
 * Base of the Properties view sources: every change is an EMF command on the EditingDomain's stack
 * (undoable from the diagram and the text alike). Invalid input changes nothing and is logged.
 */
abstract class ModelProperties implements IPropertySource {
    protected final EditingDomain domain;
    private final boolean editable;
    private final List<IPropertyDescriptor> descriptors = new ArrayList<>();

    /** @param editable false for elements of an imported file, or while the text has syntax errors */
    ModelProperties(EditingDomain domain, boolean editable) {
        this.domain = domain;
        this.editable = editable;
    }

    protected void text(String id, String name, String category, String description) {
        if (!editable) {
            readOnly(id, name, category);
            return;
        }
        TextPropertyDescriptor d = new TextPropertyDescriptor(id, name);
        d.setCategory(category);
        d.setDescription(description);
        descriptors.add(d);
    }

    protected void readOnly(String id, String name, String category) {
        PropertyDescriptor d = new PropertyDescriptor(id, name);
        d.setCategory(category);
        descriptors.add(d);
    }

    @Override
    public IPropertyDescriptor[] getPropertyDescriptors() {
        return descriptors.toArray(IPropertyDescriptor[]::new);
    }

    @Override
    public boolean isPropertySet(Object id) {
        return false;
    }

    @Override
    public void resetPropertyValue(Object id) {
        // no defaults to go back to
    }

    @Override
    public final void setPropertyValue(Object id, Object value) {
        if (!editable) {
            return;
        }
        try {
            Command command = commandFor(String.valueOf(id), value == null ? "" : value.toString().strip());
            if (command != null && command.canExecute()) {
                domain.getCommandStack().execute(command);
            }
        } catch (IllegalArgumentException e) {
            ILog.of(Platform.getBundle("org.netwright.diagram")).log(Status.warning("Property not changed: " + e.getMessage()));
        }
    }

    /** The command that sets the property; null for no change. */
    protected abstract Command commandFor(String id, String value);

    protected Command rename(EObject element, String value) {
        return new ModelCommands(domain, null).rename(element, value);
    }

    protected Command set(EObject owner, EStructuralFeature feature, Object value) {
        return Objects.equals(owner.eGet(feature), value) ? null : new SetCommand(domain, owner, feature, value);
    }

    /** Replaces the contents of a containment list when their text differs. */
    protected Command replaceAll(String label, EObject owner, EReference feature, Collection<? extends EObject> newValues,
        String oldText, String newText) {
        if (oldText.equals(newText)) {
            return null;
        }
        CompoundCommand c = new CompoundCommand(label);
        List<?> old = (List<?>) owner.eGet(feature);
        if (!old.isEmpty()) {
            c.append(new RemoveCommand(domain, owner, feature, new ArrayList<>(old)));
        }
        if (!newValues.isEmpty()) {
            c.append(new AddCommand(domain, owner, feature, newValues));
        }
        return c;
    }
}
