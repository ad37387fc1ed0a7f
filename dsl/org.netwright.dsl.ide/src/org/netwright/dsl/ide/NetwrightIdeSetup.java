package org.netwright.dsl.ide;

import org.eclipse.xtext.util.Modules2;
import org.netwright.dsl.NetwrightRuntimeModule;
import org.netwright.dsl.NetwrightStandaloneSetup;

import com.google.inject.Guice;
import com.google.inject.Injector;

/** The language with its IDE services (language server, desktop editor services). */
public class NetwrightIdeSetup extends NetwrightStandaloneSetup {

    @Override
    public Injector createInjector() {
        return Guice.createInjector(Modules2.mixin(new NetwrightRuntimeModule(), new NetwrightIdeModule()));
    }
}
