package org.netwright.referee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netwright.lab.ExecResult;
import org.netwright.export.KernelAvailability;
import org.netwright.lab.NetnsLab;

/**
 * How deep chains may nest. nf_tables validates every path from a base chain when a ruleset is committed and
 * refuses a chain 16 jumps (or gotos) below it with EMLINK, "Too many links" (its jump stack has 16 entries), so
 * 15 is the deepest a loaded ruleset reaches and the run-time stack never overflows. iptables-nft is refused the
 * same way; iptables-legacy (x_tables) has no such limit. The language reports the depth (NftValidator,
 * IptablesValidator: NFT_JUMP_TOO_DEEP error, IPT_JUMP_TOO_DEEP warning); the engine's stack holds 16 return
 * points (ChainEvaluator.MAX_JUMP_DEPTH).
 */
class JumpDepthPinsTest {
    @BeforeEach
    void kernel() {
        KernelAvailability.require("iptables-legacy-restore");
    }

    /** Output base chain b, then {@code depth} chains each reached by {@code verb}; the last one counts. */
    private static String nft(int depth, String verb) {
        StringBuilder sb = new StringBuilder("table ip t {\n  chain b {\n    type filter hook output priority 0;\n    " + verb
                + " c1\n  }\n");
        for (int i = 1; i <= depth; i++) {
            sb.append("  chain c").append(i).append(" {\n    ")
                    .append(i < depth ? verb + " c" + (i + 1) : "counter comment \"deepest\"").append("\n  }\n");
        }
        return sb.append("}\n").toString();
    }

    private static String iptables(int depth) {
        StringBuilder sb = new StringBuilder("*filter\n:OUTPUT ACCEPT [0:0]\n");
        for (int i = 1; i <= depth; i++) {
            sb.append(":C").append(i).append(" - [0:0]\n");
        }
        sb.append("-A OUTPUT -j C1\n");
        for (int i = 1; i <= depth; i++) {
            sb.append("-A C").append(i).append(i < depth ? " -j C" + (i + 1) : " -m comment --comment deepest -j ACCEPT")
                    .append('\n');
        }
        return sb.append("COMMIT\n").toString();
    }

    /** Loads the ruleset with {@code argv} (a file path is appended); on success pings loopback once. */
    private static ExecResult load(NetnsLab lab, String text, String... argv) {
        java.nio.file.Path f = lab.workDir().resolve("rules-" + Math.abs(text.hashCode()));
        try {
            java.nio.file.Files.writeString(f, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String[] cmd = java.util.Arrays.copyOf(argv, argv.length + 1);
        cmd[argv.length] = f.toString();
        ExecResult r = lab.exec("h", Duration.ofSeconds(10), cmd);
        if (r.exitCode() == 0) {
            lab.exec("h", Duration.ofSeconds(4), "ping", "-c", "1", "-W", "2", "127.0.0.1");
        }
        return r;
    }

    private static long deepestCounter(NetnsLab lab, String... saveArgv) {
        String listing = lab.exec("h", Duration.ofSeconds(5), saveArgv).orThrow().stdout();
        for (String line : listing.split("\n")) {
            if (line.contains("deepest")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:packets |^\\[)(\\d+)").matcher(line.strip());
                if (m.find()) {
                    return Long.parseLong(m.group(1));
                }
            }
        }
        throw new AssertionError("no counter of the deepest chain in\n" + listing);
    }

    @Test
    void nftLoadsFifteenNestedJumpsOrGotosAndRefusesSixteen() {
        for (String verb : new String[] {"jump", "goto"}) {
            try (NetnsLab lab = NetnsLab.up("jd" + verb.charAt(0))) {
                lab.namespace("h");
                ExecResult ok = load(lab, nft(15, verb), "nft", "-f");
                assertEquals(0, ok.exitCode(), ok.describe());
                assertTrue(deepestCounter(lab, "nft", "list", "ruleset") > 0, "the packet reaches the 15th chain");
                lab.exec("h", Duration.ofSeconds(5), "nft", "flush", "ruleset").orThrow();
                ExecResult deep = load(lab, nft(16, verb), "nft", "-f");
                assertTrue(deep.exitCode() != 0 && deep.stderr().contains("Too many links"), deep.describe());
            }
        }
    }

    @Test
    void iptablesNftRefusesSixteenAndLegacyLoadsThem() {
        try (NetnsLab lab = NetnsLab.up("jdi")) {
            lab.namespace("h");
            ExecResult ok = load(lab, iptables(15), "iptables-restore");
            assertEquals(0, ok.exitCode(), ok.describe());
            assertTrue(deepestCounter(lab, "iptables-save", "-c") > 0);
            ExecResult deep = load(lab, iptables(16), "iptables-restore");
            assertTrue(deep.exitCode() != 0 && deep.stderr().contains("Too many links"), deep.describe());
            ExecResult legacy = load(lab, iptables(40), "iptables-legacy-restore");
            assertEquals(0, legacy.exitCode(), legacy.describe());
            assertTrue(deepestCounter(lab, "iptables-legacy-save", "-c") > 0, "legacy runs 40 nested jumps");
        }
    }
}
