package org.netwright.headless;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export wrote, and how many nft rules were left out because an import kept them opaque (their comments
 * say what they were).
 */
public record ExportResult(List<Path> written, long opaqueNftRules) {
    public ExportResult {
        written = List.copyOf(written);
    }
}
