package org.netwright.dsl.ide.server;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.Future;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.xtext.ide.server.ILanguageServerShutdownAndExitHandler;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.ide.server.ServerModule;
import org.eclipse.xtext.ide.server.semantictokens.SemanticTokensService;
import org.eclipse.xtext.resource.IResourceServiceProvider;
import org.eclipse.xtext.resource.impl.ResourceServiceProviderRegistryImpl;
import org.eclipse.xtext.util.Modules2;
import org.netwright.dsl.ide.NetwrightIdeSetup;
import org.netwright.dsl.ide.highlighting.NetwrightSemanticTokensService;

import com.google.inject.Guice;
import com.google.inject.Injector;

/**
 * The .nwp language server (LSP over a pair of streams: stdio for {@code netwright lsp}). The language is
 * registered directly rather than through Java's ServiceLoader, so it works the same on a flat class path and in
 * OSGi.
 */
public final class NetwrightLanguageServer {

    private NetwrightLanguageServer() {
    }

    /** A started server; {@code listening} completes when the input ends. */
    public record Running(LanguageServerImpl server, Future<Void> listening) {
    }

    /**
     * Starts a server reading requests from {@code in} and writing to {@code out}.
     *
     * @param exitOnRequest whether the LSP "exit" notification ends the JVM (a stand-alone server) or not (a
     *                      server embedded in a test or another program)
     */
    public static Running start(InputStream in, OutputStream out, boolean exitOnRequest) {
        return start(in, out, exitOnRequest, new NetwrightIdeSetup().createInjectorAndDoEMFRegistration());
    }

    /** As {@link #start(InputStream, OutputStream, boolean)}, with the language's injector (from {@link NetwrightIdeSetup}). */
    public static Running start(InputStream in, OutputStream out, boolean exitOnRequest, Injector language) {
        Injector injector = Guice.createInjector(Modules2.mixin(new ServerModule(), binder -> {
            binder.bind(IResourceServiceProvider.Registry.class).toInstance(registry(language));
            binder.bind(SemanticTokensService.class).to(NetwrightSemanticTokensService.class);
            binder.bind(LanguageServerImpl.class).to(NetwrightLanguageServerImpl.class);
            binder.bind(ILanguageServerShutdownAndExitHandler.class)
                    .to(exitOnRequest ? ILanguageServerShutdownAndExitHandler.DefaultImpl.class
                            : ILanguageServerShutdownAndExitHandler.NullImpl.class);
        }));
        LanguageServerImpl server = injector.getInstance(LanguageServerImpl.class);
        Launcher<LanguageClient> launcher = Launcher.createLauncher(server, LanguageClient.class, in, out);
        server.connect(launcher.getRemoteProxy());
        return new Running(server, launcher.startListening());
    }

    private static IResourceServiceProvider.Registry registry(Injector language) {
        IResourceServiceProvider.Registry registry = new ResourceServiceProviderRegistryImpl();
        registry.getExtensionToFactoryMap().put("nwp", language.getInstance(IResourceServiceProvider.class));
        return registry;
    }

    /** Stand-alone: LSP on stdin/stdout; anything else the JVM prints goes to stderr. */
    public static void main(String[] args) throws Exception {
        OutputStream protocol = System.out;
        System.setOut(System.err);
        start(System.in, protocol, true).listening().get();
    }
}
