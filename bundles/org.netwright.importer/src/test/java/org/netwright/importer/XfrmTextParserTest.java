package org.netwright.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.netwright.model.IpsecProto;
import org.netwright.model.XfrmAction;
import org.netwright.model.XfrmDir;
import org.netwright.model.XfrmLevel;
import org.netwright.model.XfrmMode;
import org.netwright.model.XfrmPolicy;
import org.netwright.model.XfrmState;

class XfrmTextParserTest {

    @Test
    void policiesCapturedFromTheKernel() {
        XfrmTextParser.Result r = new XfrmTextParser().parsePolicies(null, "xfrm-policy.txt", TestFiles.text(TestFiles.LAB + "nwimp-a/xfrm-policy.txt"));
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        List<XfrmPolicy> p = r.policies();
        assertEquals(4, p.size());
        XfrmPolicy block = p.get(0);
        assertEquals(XfrmAction.BLOCK, block.getAction());
        assertEquals("udp", block.getSelector().getProto());
        assertEquals(53, block.getSelector().getDport());
        XfrmPolicy in = p.get(2);
        assertEquals(XfrmDir.IN, in.getDir());
        assertEquals(XfrmLevel.USE, in.getTemplates().get(0).getLevel());
        XfrmPolicy out = p.get(3);
        assertEquals(XfrmDir.OUT, out.getDir());
        assertEquals(100, out.getPriority());
        assertEquals("10.77.0.0/24", String.valueOf(out.getSelector().getSrc()));
        assertEquals("10.77.0.2", String.valueOf(out.getTemplates().get(0).getDst()));
        assertEquals(IpsecProto.ESP, out.getTemplates().get(0).getProto());
        assertEquals(5, out.getTemplates().get(0).getReqid());
        assertEquals(XfrmMode.TUNNEL, out.getTemplates().get(0).getMode());
        assertEquals(XfrmLevel.REQUIRED, out.getTemplates().get(0).getLevel());
    }

    @Test
    void anSpiOrReqidThatIsNotANumberIsALocatedErrorNotACrash() {
        XfrmTextParser.Result states = new XfrmTextParser().parseStates(null, "s.txt",
                "src 10.77.0.1 dst 10.77.0.2\n\tproto esp spi 0x0:01 reqid 5 mode tunnel\n");
        assertEquals(List.of(), states.states());
        assertEquals("s.txt:2:2: error: xfrm spi '0x0:01' is not a number; state not imported", states.problems().get(0).toString());
        XfrmTextParser.Result selector = new XfrmTextParser().parseStates(null, "s.txt",
                "src 10.77.0.1 dst 10.77.0.2\n\tproto esp spi 0x1001 reqid 5 mode tunnel\n\tsel src 10.0.0.1/32 dst 10.0.0.2/32 sport *4500\n");
        assertEquals(List.of(), selector.states());
        assertEquals("s.txt:3:2: error: xfrm sport '*4500' is not a number; state not imported", selector.problems().get(0).toString());
        XfrmTextParser.Result policies = new XfrmTextParser().parsePolicies(null, "p.txt",
                "src 10.77.0.0/24 dst 10.66.0.0/16\n\tdir out priority 100\n\ttmpl src 10.77.0.1 dst 10.77.0.2\n\t\tproto esp reqid .5 mode tunnel\n");
        assertEquals(List.of(), policies.policies());
        assertTrue(policies.problems().stream().anyMatch(p -> p.toString().equals("p.txt:4:3: error: xfrm reqid '.5' is not a number; policy not imported")),
                policies.problems().toString());
    }

    @Test
    void statesInIproute2Format() {
        XfrmTextParser.Result r = new XfrmTextParser().parseStates(null, "xfrm-state.txt", TestFiles.text(TestFiles.LAB + "nwimp-a/xfrm-state.txt"));
        List<XfrmState> s = r.states();
        assertEquals(2, s.size());
        assertEquals(0x1001, s.get(0).getSpi());
        assertEquals(5, s.get(0).getReqid());
        assertEquals("10.77.0.2", String.valueOf(s.get(0).getDst()));
        assertEquals(XfrmMode.TUNNEL, s.get(0).getMode());
        assertEquals("10.90.0.0/24", String.valueOf(s.get(1).getSelector().getSrc()));
        assertEquals(1, r.problems().size());
        assertEquals("xfrm-state.txt:13:2: warning: UDP encapsulation (encap type espinudp sport 4500 dport 4500 addr 0.0.0.0) is not modelled;"
                + " state imported as plain esp", r.problems().get(0).toString());
    }

    @Test
    void truncatedAndUnmodelledEntriesAreReported() {
        String text = "src 0.0.0.0/0 dst 0.0.0.0/0 \n\tsocket in priority 0 ptype main \n"
                + "src 10.0.0.0/8 dst 10.1.0.0/16 \n\tdir out priority 0 ptype main \n\tmark 0x1/0xff \n"
                + "src 10.2.0.0/16 dst 10.3.0.0/16 \n";
        XfrmTextParser.Result r = new XfrmTextParser().parsePolicies(null, "p.txt", text);
        assertTrue(r.policies().isEmpty());
        assertEquals(List.of(2, 5, 6), r.problems().stream().map(ImportProblem::line).toList());
        assertTrue(r.problems().get(2).isError());
    }
}
