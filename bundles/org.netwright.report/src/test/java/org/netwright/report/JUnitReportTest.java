package org.netwright.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** The JUnit XML validates against the format's schema (src/test/resources/junit.xsd) and says what CI servers show. */
class JUnitReportTest {
    @TempDir
    Path dir;

    static Schema schema() throws SAXException {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        return factory.newSchema(JUnitReportTest.class.getResource("/junit.xsd"));
    }

    static void validate(String xml) throws Exception {
        schema().newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    @Test
    void oneCasePerExpectationAndOnePerFileItsFailuresCarryTheTrace() throws Exception {
        Report report = new BuildFixture(dir).with(BuildFixture.VIOLATED).with(BuildFixture.BROKEN).run();
        String xml = JUnitReport.toXml(report);
        validate(xml);
        Element root = parse(xml).getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        // 5 files (one "validate" case each) and 4 expectations
        assertEquals("9", root.getAttribute("tests"));
        assertEquals("1", root.getAttribute("failures"));
        assertEquals("1", root.getAttribute("errors"));
        NodeList suites = root.getElementsByTagName("testsuite");
        assertEquals(5, suites.getLength());

        Element violatedSuite = suite(root, "src/main/netwright/violated.nwp");
        Element failure = (Element) violatedSuite.getElementsByTagName("failure").item(0);
        Element testcase = (Element) failure.getParentNode();
        assertEquals("the office keeps its address", testcase.getAttribute("name"));
        assertEquals("src.main.netwright.violated", testcase.getAttribute("classname"));
        assertEquals("5", testcase.getAttribute("line"));
        assertTrue(failure.getAttribute("message").contains("src"), failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("trace of "), "the trace is the failure's text: " + failure.getTextContent());

        Element brokenSuite = suite(root, "src/main/netwright/broken.nwp");
        Element error = (Element) brokenSuite.getElementsByTagName("error").item(0);
        assertEquals(JUnitReport.VALIDATE_CASE, ((Element) error.getParentNode()).getAttribute("name"));
        assertTrue(error.getTextContent().contains("broken.nwp:4:"), error.getTextContent());
    }

    private static Element suite(Element root, String name) {
        NodeList suites = root.getElementsByTagName("testsuite");
        for (int i = 0; i < suites.getLength(); i++) {
            if (((Element) suites.item(i)).getAttribute("name").equals(name)) {
                return (Element) suites.item(i);
            }
        }
        throw new AssertionError("no testsuite " + name);
    }

    /** The schema is not a rubber stamp: what the format forbids is refused. */
    @Test
    void theSchemaRefusesWhatTheFormatForbids() {
        for (String bad : List.of(
                "<testsuites><testsuite name=\"x\" tests=\"one\"/></testsuites>",
                "<testsuites><testsuite name=\"x\" tests=\"1\"><testcase classname=\"c\"/></testsuite></testsuites>",
                "<testsuites><testsuite name=\"x\" tests=\"1\"><testcase name=\"t\"><failure/><error/></testcase></testsuite></testsuites>",
                "<testsuite name=\"x\" tests=\"1\" timestamp=\"yesterday\"/>")) {
            assertThrows(SAXException.class, () -> validate(bad), bad);
        }
    }

    @Test
    void textThatXmlCannotCarryIsReplaced() {
        assertEquals("a\uFFFDb\tc\n\uD83D\uDE00", JUnitReport.clean("a\u0001b\tc\n\uD83D\uDE00"));
        assertEquals("lab.gate_way", JUnitReport.classname("lab/gate.way.nwp"));
    }
}
