package org.netwright.referee;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netwright.export.KernelAvailability;

/**
 * A namespace whose only conntrack-related rule is {@code -t raw -j CT --notrack}: the kernel does not
 * register conntrack there (the CT target takes the netns conntrack reference only when it attaches a
 * template, not for --notrack), so flows of other protocols are not tracked either. Found by the generated
 * cases (seeds 20260108, 20260110, 20260113); see /work/scratch/referee-disagreements.md. This test asserts
 * the kernel's behaviour and fails until the engine agrees.
 */
class NotrackDifferentialTest {
    private Differential d;

    @BeforeEach
    void kernel() {
        KernelAvailability.require();
    }

    @AfterEach
    void down() {
        if (d != null) {
            d.close();
        }
    }

    @Test
    void notrackAloneDoesNotEnableConntrack() {
        ChainTopo t = new ChainTopo(3);
        t.rule(1, Vocabulary.notrack("udp"));
        d = new Differential(t.view(), t.lab("notrack"));
        ProbeSpec p = ProbeSpec.tcp("h0", "10.0.0.1", 37001, "10.0.1.2", ChainTopo.TCP_PORT);
        Outcome k = d.kernel(p);
        Outcome e = d.engine(p);
        assertEquals(List.of(), e.diff(k), d.explain());
        // the kernel: no conntrack entry at all in h1 (conntrack is not running there)
        assertEquals(List.of(), d.kernelConntrack("h1"));
        assertEquals(d.kernelConntrack("h1"), d.engineConntrack("h1"),
                "engine tracks the TCP flow in a namespace where only CT --notrack exists; the kernel does not\n"
                        + d.lastEngine.toText());
    }

    @Test
    void notrackNextToANatRuleLeavesConntrackOnForOtherProtocols() {
        // control: once a nat table exists conntrack runs, and only the notracked protocol escapes it
        ChainTopo t = new ChainTopo(3);
        t.rule(1, Vocabulary.notrack("udp"));
        t.rule(1, Vocabulary.masquerade("eth1"));
        d = new Differential(t.view(), t.lab("notrack2"));
        ProbeSpec tcp = ProbeSpec.tcp("h0", "10.0.0.1", 37002, "10.0.1.2", ChainTopo.TCP_PORT);
        assertEquals(List.of(), d.engine(tcp).diff(d.kernel(tcp)), d.explain());
        ProbeSpec udp = ProbeSpec.udp("h0", "10.0.0.1", 37003, "10.0.1.2", ChainTopo.UDP_PORT);
        assertEquals(List.of(), d.engine(udp).diff(d.kernel(udp)), d.explain());
        assertEquals(List.of("tcp zone=0 nat=snat"), d.kernelConntrack("h1"));
        assertEquals(d.kernelConntrack("h1"), d.engineConntrack("h1"));
    }
}
