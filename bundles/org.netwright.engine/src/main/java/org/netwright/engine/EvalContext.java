package org.netwright.engine;

/** What rule evaluation needs to see: where the packet is, its metadata, and the recorder. */
record EvalContext(Simulation sim, Namespace ns, Hook hook, Family pathFamily, Skb skb, TraceRecorder rec,
        String device) {
}
