package org.netwright.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.netwright.dsl.NetwrightStandaloneSetup;
import org.netwright.model.Network;

import com.google.inject.Injector;

/**
 * Test support in the spirit of Xtext's ParseHelper/ValidationTestHelper (JUnit 5, no xtext.testing bundle):
 * parse .nwp text (several in-memory files when imports are involved), validate, assert on issue codes.
 */
final class Nwp {

	static final Injector INJECTOR = new NetwrightStandaloneSetup().createInjectorAndDoEMFRegistration();
	static final String BASE = "mem:/tests/";

	private Nwp() {
	}

	/** Parses {@code main.nwp} with {@code text}. */
	static XtextResource parse(String text) {
		return parse(Map.of("main.nwp", text), "main.nwp");
	}

	/** Creates every file in one resource set (so imports between them resolve) and returns {@code main}. */
	static XtextResource parse(Map<String, String> files, String main) {
		XtextResourceSet set = INJECTOR.getInstance(XtextResourceSet.class);
		Map<String, XtextResource> resources = new LinkedHashMap<>();
		for (Map.Entry<String, String> f : files.entrySet()) {
			XtextResource r = (XtextResource) set.createResource(URI.createURI(BASE + f.getKey()));
			try {
				r.load(new ByteArrayInputStream(f.getValue().getBytes(StandardCharsets.UTF_8)), Map.of());
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			resources.put(f.getKey(), r);
		}
		EcoreUtil.resolveAll(set);
		return resources.get(main);
	}

	static Network network(XtextResource r) {
		return (Network) r.getContents().get(0);
	}

	static List<Issue> validate(XtextResource r) {
		return INJECTOR.getInstance(IResourceValidator.class).validate(r, CheckMode.ALL, CancelIndicator.NullImpl);
	}

	static String describe(List<Issue> issues) {
		return issues.stream().map(i -> i.getLineNumber() + ":" + i.getColumn() + " " + i.getSeverity() + " " + i.getCode()
				+ " " + i.getMessage()).collect(Collectors.joining("\n"));
	}

	/** The one issue with {@code code}; fails when there is none or several. */
	static Issue assertIssue(String text, Severity severity, String code) {
		List<Issue> issues = validate(parse(text));
		List<Issue> matching = issues.stream().filter(i -> code.equals(i.getCode())).toList();
		if (matching.isEmpty()) {
			fail("expected " + severity + " " + code + ", got:\n" + describe(issues));
		}
		assertEquals(1, matching.size(), "one issue " + code + " expected:\n" + describe(issues));
		assertEquals(severity, matching.get(0).getSeverity(), describe(matching));
		return matching.get(0);
	}

	/** Exactly {@code count} issues with {@code code}, all of {@code severity}. */
	static List<Issue> assertIssues(String text, Severity severity, String code, int count) {
		List<Issue> issues = validate(parse(text));
		List<Issue> matching = issues.stream().filter(i -> code.equals(i.getCode())).toList();
		assertEquals(count, matching.size(), count + " issues " + code + " expected:\n" + describe(issues));
		assertTrue(matching.stream().allMatch(i -> i.getSeverity() == severity), describe(matching));
		return matching;
	}

	static Issue assertError(String text, String code) {
		return assertIssue(text, Severity.ERROR, code);
	}

	static Issue assertWarning(String text, String code) {
		return assertIssue(text, Severity.WARNING, code);
	}

	/** The passing case: no issue with {@code code}, and no error at all (the fixture itself is valid). */
	static void assertNoIssue(String text, String code) {
		List<Issue> issues = validate(parse(text));
		assertFalse(issues.stream().anyMatch(i -> code.equals(i.getCode())), "unexpected " + code + ":\n" + describe(issues));
		assertNoErrors(issues);
	}

	static void assertNoErrors(List<Issue> issues) {
		List<Issue> errors = issues.stream().filter(i -> i.getSeverity() == Severity.ERROR).toList();
		assertTrue(errors.isEmpty(), "unexpected errors:\n" + describe(errors));
	}

	/** A namespace r with lo, eth0 10.0.0.1/24 and eth1 192.168.1.1/24, followed by {@code body} inside it. */
	static String router(String body) {
		return """
				namespace r {
					loopback lo
					interface eth0 { address 10.0.0.1/24 }
					interface eth1 { address 192.168.1.1/24 }
				""" + body.indent(1) + "}\n";
	}

	/** {@link #router} with an nftables block. */
	static String nft(String tables) {
		return router("nftables {\n" + tables.indent(1) + "}\n");
	}

	/** {@link #router} with an iptables block. */
	static String ipt(String tables) {
		return router("iptables {\n" + tables.indent(1) + "}\n");
	}
}
