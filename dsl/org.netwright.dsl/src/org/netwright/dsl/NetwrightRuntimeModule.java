package org.netwright.dsl;

import org.eclipse.xtext.conversion.IValueConverterService;
import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;
import org.eclipse.xtext.naming.IQualifiedNameConverter;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.parser.antlr.ISyntaxErrorMessageProvider;
import org.eclipse.xtext.parsetree.reconstr.IHiddenTokenHelper;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.scoping.IGlobalScopeProvider;
import org.eclipse.xtext.scoping.IScopeProvider;
import org.eclipse.xtext.scoping.impl.AbstractDeclarativeScopeProvider;
import org.netwright.dsl.conversion.NetwrightValueConverterService;
import org.netwright.dsl.linking.NetwrightLinkingDiagnosticMessageProvider;
import org.netwright.dsl.naming.NetwrightQualifiedNameConverter;
import org.netwright.dsl.naming.NetwrightQualifiedNameProvider;
import org.netwright.dsl.parser.NetwrightLexer;
import org.netwright.dsl.parser.NetwrightSyntaxErrorMessageProvider;
import org.netwright.dsl.parser.antlr.internal.InternalNetwrightLexer;
import org.eclipse.xtext.parser.antlr.LexerBindings;
import org.eclipse.xtext.parser.antlr.LexerProvider;
import org.netwright.dsl.resource.NetwrightResourceSet;
import org.netwright.dsl.scoping.NetwrightImportUriGlobalScopeProvider;
import org.netwright.dsl.scoping.NetwrightLocalScopeProvider;
import org.netwright.dsl.serializer.NetwrightHiddenTokenHelper;

import com.google.inject.Binder;
import com.google.inject.name.Names;

/**
 * Netwright language bindings.
 * <ul>
 * <li>Qualified names use ':' (client:veth0), because interface names contain dots (eth1.100).</li>
 * <li>Files see each other only through {@code import "x.nwp"} (importURI global scope).</li>
 * <li>Inside {@code extend NS { }} names resolve relative to namespace NS.</li>
 * <li>Hidden newline tokens (NL) count as whitespace for the serializer.</li>
 * <li>Files are read bounded and only when they are regular files ({@link NetwrightResourceSet}).</li>
 * </ul>
 */
public class NetwrightRuntimeModule extends AbstractNetwrightRuntimeModule {

    @Override
    public Class<? extends org.eclipse.xtext.parser.antlr.Lexer> bindLexer() {
        return NetwrightLexer.class;
    }

    @Override
    public com.google.inject.Provider<? extends InternalNetwrightLexer> provideInternalNetwrightLexer() {
        return LexerProvider.create(NetwrightLexer.class);
    }

    @Override
    public void configureRuntimeLexer(Binder binder) {
        binder.bind(org.eclipse.xtext.parser.antlr.Lexer.class).annotatedWith(Names.named(LexerBindings.RUNTIME)).to(NetwrightLexer.class);
    }

    @Override
    public Class<? extends IValueConverterService> bindIValueConverterService() {
        return NetwrightValueConverterService.class;
    }

    public Class<? extends IQualifiedNameConverter> bindIQualifiedNameConverter() {
        return NetwrightQualifiedNameConverter.class;
    }

    @Override
    public Class<? extends IQualifiedNameProvider> bindIQualifiedNameProvider() {
        return NetwrightQualifiedNameProvider.class;
    }

    @Override
    public Class<? extends IGlobalScopeProvider> bindIGlobalScopeProvider() {
        return NetwrightImportUriGlobalScopeProvider.class;
    }

    @Override
    public void configureIScopeProviderDelegate(Binder binder) {
        binder.bind(IScopeProvider.class)
                .annotatedWith(Names.named(AbstractDeclarativeScopeProvider.NAMED_DELEGATE))
                .to(NetwrightLocalScopeProvider.class);
    }

    public Class<? extends ILinkingDiagnosticMessageProvider> bindILinkingDiagnosticMessageProvider() {
        return NetwrightLinkingDiagnosticMessageProvider.class;
    }

    public Class<? extends ISyntaxErrorMessageProvider> bindISyntaxErrorMessageProvider() {
        return NetwrightSyntaxErrorMessageProvider.class;
    }

    public Class<? extends IHiddenTokenHelper> bindIHiddenTokenHelper() {
        return NetwrightHiddenTokenHelper.class;
    }

    public Class<? extends XtextResourceSet> bindXtextResourceSet() {
        return NetwrightResourceSet.class;
    }
}
