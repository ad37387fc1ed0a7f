package org.netwright.engine;

import java.util.List;

/** The hook attachment of a base chain. {@code devices} is used by netdev chains. */
public record BaseChainSpec(ChainType type, Hook hook, int priority, Verdict policy, List<String> devices) {
    public BaseChainSpec {
        devices = devices == null ? List.of() : List.copyOf(devices);
        if (policy != Verdict.ACCEPT && policy != Verdict.DROP) {
            throw new IllegalArgumentException("policy must be accept or drop");
        }
    }
}
