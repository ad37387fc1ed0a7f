package org.netwright.ui;

import org.netwright.dsl.ide.NetwrightIdeSetup;

import com.google.inject.Injector;
import com.google.inject.Key;

/**
 * The language's services for the workbench: one injector of the runtime and ide modules of the DSL
 * (everything the DSL team binds there: validation, formatting, content assist, hover, quick fixes),
 * created once and registered for the {@code .nwp} extension.
 */
public final class Dsl {
    public static final String EXTENSION = "nwp";
    private static Injector injector;

    private Dsl() {
    }

    public static synchronized Injector injector() {
        if (injector == null) {
            injector = new NetwrightIdeSetup().createInjectorAndDoEMFRegistration();
        }
        return injector;
    }

    /** The service, or null when the language does not offer it (no binding, cannot be built). */
    public static <T> T service(Class<T> type) {
        try {
            return injector().getInstance(type);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The service only when the language binds it explicitly (interfaces without a default). */
    public static <T> T boundService(Class<T> type) {
        if (injector().getExistingBinding(Key.get(type)) == null) {
            return null;
        }
        return service(type);
    }
}
