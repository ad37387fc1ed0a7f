package org.netwright.dsl.validation;

import java.util.List;

import org.eclipse.emf.ecore.EPackage;
import org.eclipse.xtext.validation.AbstractDeclarativeValidator;
import org.eclipse.xtext.validation.EValidatorRegistrar;
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

	/** Quoted for messages: 'name'. */
	protected static String q(Object name) {
		return "'" + name + "'";
	}
}
