package org.netwright.report;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.netwright.headless.ExpectationResult;
import org.netwright.headless.Problem;
import org.netwright.input.OutputFiles;

/**
 * The report as JUnit XML (the Ant/Surefire format every CI server reads): one {@code testsuite} per given file, in it
 * one {@code testcase} "validate" (an {@code error} listing the problems when the file is invalid) and one per
 * expectation or scenario (a {@code failure} with the violations as message and the trace as text when it does not
 * hold). The class name is the file's path with dots, so that CI servers group the cases by folder and file.
 */
public final class JUnitReport {
    /** The name of the test case that stands for a file's validation. */
    public static final String VALIDATE_CASE = "validate";

    private JUnitReport() {
    }

    /** Writes the XML to {@code file} atomically. */
    public static void write(Report report, Path file) throws IOException {
        OutputFiles.writeAtomically(file, toXml(report).getBytes(StandardCharsets.UTF_8));
    }

    public static String toXml(Report report) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            newline(xml, 0);
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "netwright");
            counts(xml, report.entries().size() + report.expectations(), report.violated(),
                    report.entries().stream().filter(e -> e.status() == Report.Status.INVALID).count(), report.uncertain());
            String timestamp = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(report.created().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
            for (Report.Entry e : report.entries()) {
                newline(xml, 1);
                suite(xml, e, timestamp);
            }
            newline(xml, 0);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to memory failed", e); // a StringWriter does not fail
        }
        return out.append('\n').toString();
    }

    private static void suite(XMLStreamWriter xml, Report.Entry e, String timestamp) throws XMLStreamException {
        boolean invalid = e.status() == Report.Status.INVALID;
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", e.name());
        counts(xml, 1 + e.results().size(), e.violated(), invalid ? 1 : 0, e.uncertain());
        xml.writeAttribute("timestamp", timestamp);
        String classname = classname(e.name());

        newline(xml, 2);
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", VALIDATE_CASE);
        xml.writeAttribute("classname", classname);
        xml.writeAttribute("file", e.name());
        if (invalid) {
            List<Problem> errors = e.errors();
            xml.writeStartElement("error");
            xml.writeAttribute("type", "invalid");
            xml.writeAttribute("message", errors.isEmpty() ? "a file it imports has errors"
                    : errors.size() + " error(s), first: " + clean(errors.get(0).toString()));
            xml.writeCharacters(clean(e.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"))));
            xml.writeEndElement();
        }
        xml.writeEndElement();

        for (ExpectationResult r : e.results()) {
            newline(xml, 2);
            xml.writeStartElement("testcase");
            xml.writeAttribute("name", clean(r.name()));
            xml.writeAttribute("classname", classname);
            xml.writeAttribute("file", e.name());
            if (r.line() > 0) {
                xml.writeAttribute("line", Integer.toString(r.line()));
            }
            if (r.uncertain()) {
                // neither passed nor failed: JUnit's word for a test that could not decide is "skipped"
                xml.writeStartElement("skipped");
                xml.writeAttribute("message", clean("uncertain: " + String.join("; ", r.violations())));
                xml.writeCharacters(clean(r.report()));
                xml.writeEndElement();
            } else if (!r.holds()) {
                xml.writeStartElement("failure");
                xml.writeAttribute("type", "violated");
                xml.writeAttribute("message", clean(String.join("; ", r.violations())));
                xml.writeCharacters(clean(r.report()));
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        newline(xml, 1);
        xml.writeEndElement();
    }

    private static void counts(XMLStreamWriter xml, long tests, long failures, long errors, long uncertain) throws XMLStreamException {
        xml.writeAttribute("tests", Long.toString(tests));
        xml.writeAttribute("failures", Long.toString(failures));
        xml.writeAttribute("errors", Long.toString(errors));
        xml.writeAttribute("skipped", Long.toString(uncertain));
    }

    private static void newline(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }

    /** {@code lab/gateway.nwp} as {@code lab.gateway}: CI servers take what precedes the last dot as the package. */
    static String classname(String name) {
        String stem = name.endsWith(".nwp") ? name.substring(0, name.length() - 4) : name;
        return stem.replace('.', '_').replace('/', '.');
    }

    /** Characters XML 1.0 cannot carry (controls but tab and newline, lone surrogates) as U+FFFD. */
    static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (pair) {
                sb.append(c).append(s.charAt(++i));
            } else if (c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c < 0xD800 || c > 0xDFFF && c < 0xFFFE) {
                sb.append(c);
            } else {
                sb.append('\uFFFD');
            }
        }
        return sb.toString();
    }
}
