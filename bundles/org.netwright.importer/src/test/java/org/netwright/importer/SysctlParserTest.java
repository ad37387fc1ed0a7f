package org.netwright.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SysctlParserTest {

    @Test
    void readsKeysAndValuesAndReportsBadLinesWithPosition() {
        String dump = """
                # router
                net.ipv4.ip_forward = 1
                net/ipv4/conf/all/rp_filter=2
                  garbage line
                 = 3
                """;
        SysctlParser.Result r = new SysctlParser().parse("ns1/sysctl.txt", dump);
        assertEquals("1", r.values().get("net.ipv4.ip_forward"));
        assertEquals("2", r.values().get("net.ipv4.conf.all.rp_filter"));
        assertEquals(2, r.values().size());
        assertEquals(2, r.problems().size());
        assertEquals("ns1/sysctl.txt:4:3: warning: expected 'key = value', found 'garbage line'", r.problems().get(0).toString());
        assertEquals(5, r.problems().get(1).line());
    }
}
