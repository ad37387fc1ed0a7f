package org.netwright.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.netwright.export.NftExporter;
import org.netwright.importer.ImportProblem;
import org.netwright.importer.NftJsonImporter;

/**
 * Without a kernel: the JSON that nft 1.0.6 listed for a kube-proxy-like table (verdict maps on concatenations,
 * numgen, jhash, symhash, fib, bitwise marks, a set updated from the packet path, typed sets with every option, named
 * objects; src/test/resources/nft/kube-like.*, captured on this machine) imports without a warning and exports as
 * nft listed it.
 */
class NftJsonExportTest {

    @Test
    void kubeLikeDumpImportsWithoutWarningsAndExportsAsNftListedIt() throws IOException {
        String json = Files.readString(Path.of("src/test/resources/nft/kube-like.json"));
        String listed = Files.readString(Path.of("src/test/resources/nft/kube-like.txt"));
        NftJsonImporter.Result r = new NftJsonImporter().importInto(null, "kube-like.json", json, java.util.Set.of(),
                org.netwright.importer.NftTextDevices.read(listed));
        assertEquals(List.of(), r.problems().stream().filter(p -> p.severity() != ImportProblem.Severity.INFO).toList());
        assertEquals(0, r.opaqueRules());
        String out = NftExporter.export("node", List.of(r.ruleset()));
        String body = out.substring(out.indexOf("table ip kube-proxy {"));
        assertEquals(NftListing.canonical(listed), NftListing.canonical(body));
    }
}
