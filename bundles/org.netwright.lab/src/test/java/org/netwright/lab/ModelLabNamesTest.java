package org.netwright.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Lab namespace names for model namespaces: valid for {@link LabNames#namespace}, unique, recognisable. */
class ModelLabNamesTest {

    @Test
    void modelNamesBecomeShortUniqueLabNames() {
        Map<String, String> m = ModelLab.shortNames(List.of("vpn-gw", "workstation", "a-very-long-namespace", "A_very_long_namespace2", "vpngw", "---"));
        assertEquals(Map.of("vpn-gw", "vpngw", "workstation", "workstation", "a-very-long-namespace", "averylongnam", "A_very_long_namespace2",
                "averylongna2", "vpngw", "vpngw2", "---", "ns"), m);
        m.values().forEach(LabNames::namespace);
    }
}
