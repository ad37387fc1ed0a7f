package org.netwright.referee;

import java.util.List;
import java.util.Map;

/**
 * What is compared between engine and kernel for one probe: the namespace the probe was delivered to
 * (null: nowhere), the header observed arriving there, whether the answer got back to the sender, the
 * ICMP errors that reached a namespace ("type/code@ns", sorted), and the header seen leaving through each
 * watched interface ("ns/dev" -> header, null when it did not leave there).
 */
record Outcome(String deliveredTo, Hdr atDst, boolean replied, List<String> icmpErrors, Map<String, Hdr> leaving) {

    /** Field-by-field differences, empty when both agree. */
    List<String> diff(Outcome kernel) {
        List<String> d = new java.util.ArrayList<>();
        if (!java.util.Objects.equals(deliveredTo, kernel.deliveredTo)) {
            d.add("delivered: engine " + deliveredTo + ", kernel " + kernel.deliveredTo);
        }
        if (!java.util.Objects.equals(atDst, kernel.atDst)) {
            d.add("header at destination: engine " + atDst + ", kernel " + kernel.atDst);
        }
        if (replied != kernel.replied) {
            d.add("reply back: engine " + replied + ", kernel " + kernel.replied);
        }
        if (!icmpErrors.equals(kernel.icmpErrors)) {
            d.add("icmp errors: engine " + icmpErrors + ", kernel " + kernel.icmpErrors);
        }
        for (String k : kernel.leaving.keySet()) {
            if (!java.util.Objects.equals(leaving.get(k), kernel.leaving.get(k))) {
                d.add("leaving " + k + ": engine " + leaving.get(k) + ", kernel " + kernel.leaving.get(k));
            }
        }
        return d;
    }

    @Override
    public String toString() {
        return "delivered=" + deliveredTo + " atDst=" + atDst + " replied=" + replied + " icmpErrors=" + icmpErrors
                + " leaving=" + leaving;
    }
}
