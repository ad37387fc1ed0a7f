package org.netwright.dsl.tests;

import static org.netwright.dsl.tests.Nwp.assertError;
import static org.netwright.dsl.tests.Nwp.assertNoIssue;
import static org.netwright.dsl.tests.Nwp.assertWarning;
import static org.netwright.dsl.tests.Nwp.router;

import org.junit.jupiter.api.Test;
import org.netwright.dsl.validation.IssueCodes;

/** ip xfrm states and policies of one namespace. */
class XfrmValidationTest {

    private static final String STATE = "xfrm state src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x1001 mode tunnel reqid 1\n";
    private static final String POLICY = "xfrm policy src 192.168.1.0/24 dst 10.8.0.0/16 dir out\n"
            + "\ttmpl src 10.0.0.1 dst 10.0.0.2 proto esp mode tunnel reqid 1 level required\n";

    @Test
    void templateWithoutState() {
        assertWarning(router(POLICY), IssueCodes.XFRM_NO_STATE);
        assertWarning(router(STATE.replace("reqid 1", "reqid 2") + POLICY), IssueCodes.XFRM_NO_STATE);
        assertNoIssue(router(STATE + POLICY), IssueCodes.XFRM_NO_STATE);
        assertNoIssue(router(POLICY.replace("level required", "level use")), IssueCodes.XFRM_NO_STATE);
    }

    @Test
    void duplicateState() {
        assertError(router(STATE + STATE.replace("reqid 1", "reqid 2")), IssueCodes.XFRM_DUPLICATE_STATE);
        assertNoIssue(router(STATE + STATE.replace("0x1001", "0x1002")), IssueCodes.XFRM_DUPLICATE_STATE);
    }

    @Test
    void tunnelTemplateNeedsEndpoints() {
        assertError(router(STATE + POLICY.replace("tmpl src 10.0.0.1 dst 10.0.0.2", "tmpl")), IssueCodes.XFRM_TUNNEL_ENDPOINTS);
        assertNoIssue(router(STATE + POLICY), IssueCodes.XFRM_TUNNEL_ENDPOINTS);
    }
}
