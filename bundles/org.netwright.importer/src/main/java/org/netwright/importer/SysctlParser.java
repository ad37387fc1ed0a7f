package org.netwright.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the output of {@code sysctl -a} (or a sysctl.conf): {@code key = value} lines, comments
 * starting with '#' or ';'. Lines it cannot read are reported, never silently dropped.
 */
public final class SysctlParser {

    public record Result(Map<String, String> values, List<ImportProblem> problems) {
    }

    public Result parse(String file, String text) {
        Map<String, String> values = new LinkedHashMap<>();
        List<ImportProblem> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                int column = line.indexOf(trimmed) + 1;
                problems.add(new ImportProblem(ImportProblem.Severity.WARNING, file, i + 1, column,
                        "expected 'key = value', found '" + trimmed + "'"));
                continue;
            }
            String key = line.substring(0, eq).strip().replace('/', '.');
            if (key.isEmpty()) {
                problems.add(new ImportProblem(ImportProblem.Severity.WARNING, file, i + 1, eq + 1, "missing sysctl key before '='"));
                continue;
            }
            values.put(key, line.substring(eq + 1).strip());
        }
        return new Result(values, problems);
    }
}
