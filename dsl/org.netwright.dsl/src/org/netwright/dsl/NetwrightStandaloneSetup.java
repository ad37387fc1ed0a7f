package org.netwright.dsl;

import org.eclipse.emf.ecore.EPackage;
import org.netwright.model.NetwrightPackage;

import com.google.inject.Injector;

/**
 * Sets the language up outside Equinox (command line, plain unit tests, language server). The
 * grammar imports the hand-written Netwright metamodel, which Xtext does not register itself.
 */
public class NetwrightStandaloneSetup extends NetwrightStandaloneSetupGenerated {

	public static void doSetup() {
		new NetwrightStandaloneSetup().createInjectorAndDoEMFRegistration();
	}

	@Override
	public Injector createInjectorAndDoEMFRegistration() {
		EPackage.Registry.INSTANCE.putIfAbsent(NetwrightPackage.eNS_URI, NetwrightPackage.eINSTANCE);
		return super.createInjectorAndDoEMFRegistration();
	}
}
