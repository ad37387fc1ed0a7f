package org.netwright.dsl;

import org.eclipse.emf.ecore.EPackage;
import org.netwright.model.NetwrightPackage;

import com.google.inject.Injector;

/**
 * Standalone (non-OSGi) initialization: registers the imported Netwright EPackage, then the language.
 */
public class NetwrightStandaloneSetup extends NetwrightStandaloneSetupGenerated {

    public static Injector doSetup() {
        return new NetwrightStandaloneSetup().createInjectorAndDoEMFRegistration();
    }

    @Override
    public Injector createInjectorAndDoEMFRegistration() {
        if (!EPackage.Registry.INSTANCE.containsKey(NetwrightPackage.eNS_URI)) {
            EPackage.Registry.INSTANCE.put(NetwrightPackage.eNS_URI, NetwrightPackage.eINSTANCE);
        }
        return super.createInjectorAndDoEMFRegistration();
    }
}
