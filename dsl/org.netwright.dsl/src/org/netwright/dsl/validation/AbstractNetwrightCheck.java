package org.netwright.dsl.validation;

import java.util.List;

import org.eclipse.emf.ecore.EPackage;
import org.eclipse.xtext.validation.AbstractDeclarativeValidator;
import org.eclipse.xtext.validation.EValidatorRegistrar;
import org.netwright.dsl.util.ModelIndex;
import org.netwright.model.NetwrightPackage;

/**
 * Base of the topic validators that {@link NetwrightValidator} composes. They are created by the composing
 * validator and must not register themselves (they would run twice).
 */
public abstract class AbstractNetwrightCheck extends AbstractDeclarativeValidator {

    @Override
    protected List<EPackage> getEPackages() {
        return List.of(NetwrightPackage.eINSTANCE);
    }

    @Override
    public void register(EValidatorRegistrar registrar) {
        // composed into NetwrightValidator
    }

    /** Memoised model queries for this validation run. */
    protected ModelIndex index() {
        return ModelIndex.of(getContext());
    }

    /** Quoted for messages: 'name'. */
    protected static String q(Object name) {
        return "'" + name + "'";
    }
}
