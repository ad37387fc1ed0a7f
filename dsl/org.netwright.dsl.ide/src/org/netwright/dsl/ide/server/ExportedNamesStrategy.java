package org.netwright.dsl.ide.server;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EClassifier;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.impl.DefaultResourceDescriptionStrategy;
import org.eclipse.xtext.util.IAcceptor;
import org.netwright.model.NetwrightPackage;

/**
 * The index's exported names, as Xtext's default strategy finds them, without visiting what cannot hold a name: the
 * default asks the qualified name provider (a reflective dispatch) of every object of the file, also of the thousands
 * of matches and statements inside the rules. An object's contents are skipped when no class its containment
 * references can hold (directly or further down) has a name attribute or a qualified name of its own in the name
 * provider.
 */
public class ExportedNamesStrategy extends DefaultResourceDescriptionStrategy {

    private Map<EClass, Boolean> mayHoldNames;

    @Override
    public boolean createEObjectDescriptions(EObject eObject, IAcceptor<IEObjectDescription> acceptor) {
        return super.createEObjectDescriptions(eObject, acceptor) && mayHoldNames().getOrDefault(eObject.eClass(), true);
    }

    private synchronized Map<EClass, Boolean> mayHoldNames() {
        if (mayHoldNames == null) {
            mayHoldNames = mayHoldNames(NetwrightPackage.eINSTANCE.getEClassifiers(), namedClasses());
        }
        return mayHoldNames;
    }

    /** The classes the name provider names by a method of its own (qualifiedName(T)). */
    private List<Class<?>> namedClasses() {
        List<Class<?>> named = new ArrayList<>();
        for (Class<?> c = getQualifiedNameProvider().getClass(); c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals("qualifiedName") && m.getParameterCount() == 1
                        && EObject.class.isAssignableFrom(m.getParameterTypes()[0]) && m.getParameterTypes()[0] != EObject.class) {
                    named.add(m.getParameterTypes()[0]);
                }
            }
        }
        return named;
    }

    /** For each class: whether an object contained in one of its objects, at any depth, may have a name. */
    static Map<EClass, Boolean> mayHoldNames(List<EClassifier> classifiers, List<Class<?>> namedClasses) {
        List<EClass> classes = new ArrayList<>();
        for (EClassifier c : classifiers) {
            if (c instanceof EClass e) {
                classes.add(e);
            }
        }
        Set<EClass> named = new HashSet<>();
        for (EClass c : classes) {
            if (c.getEStructuralFeature("name") instanceof EAttribute
                    || namedClasses.stream().anyMatch(n -> c.getInstanceClass() != null && n.isAssignableFrom(c.getInstanceClass()))) {
                named.add(c);
            }
        }
        Map<EClass, Boolean> result = new HashMap<>();
        for (EClass c : classes) {
            result.put(c, false);
        }
        for (boolean changed = true; changed;) {
            changed = false;
            for (EClass c : classes) {
                if (result.get(c)) {
                    continue;
                }
                for (EReference r : c.getEAllContainments()) {
                    if (canHold(r.getEReferenceType(), classes, named, result)) {
                        result.put(c, true);
                        changed = true;
                        break;
                    }
                }
            }
        }
        return result;
    }

    /** Whether an object of {@code type} or a subclass is named or may hold a named one. */
    private static boolean canHold(EClass type, List<EClass> classes, Set<EClass> named, Map<EClass, Boolean> holds) {
        if (!classes.contains(type)) {
            return true; // a class of another package: not known here
        }
        for (EClass c : classes) {
            if ((c == type || type.isSuperTypeOf(c)) && (named.contains(c) || holds.get(c))) {
                return true;
            }
        }
        return false;
    }
}
