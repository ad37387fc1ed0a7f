package org.netwright.engine.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.netwright.engine.IpAddr;
import org.netwright.engine.SourceRef;
import org.netwright.engine.TraceEvent;

/**
 * Seed 000: NAT rewrites headers, never payloads. When the probe's payload names an address that NAT
 * translated on the way (the sender's source, or a DNATed destination), the receiver finds the untranslated
 * address inside the payload; integrity-protected payloads (Kerberos) cannot even be fixed by a helper.
 */
final class PayloadAddressCheck implements Check {
    private static final Pattern ADDR = Pattern.compile("(?<![\\d.])(\\d{1,3}(?:\\.\\d{1,3}){3})(?![\\d.])");

    private final String payload;

    PayloadAddressCheck(String payload) {
        this.payload = payload;
    }

    @Override
    public void run(TraceFacts f, List<Diagnostic> out) {
        if (payload == null || payload.isEmpty()) {
            return;
        }
        Set<IpAddr> carried = new LinkedHashSet<>();
        Matcher m = ADDR.matcher(payload);
        while (m.find()) {
            try {
                carried.add(IpAddr.parse(m.group(1)));
            } catch (RuntimeException e) {
                // not an address (an octet above 255): just text
            }
        }
        for (IpAddr a : carried) {
            List<String> where = new ArrayList<>();
            List<SourceRef> rules = new ArrayList<>();
            IpAddr to = null;
            boolean source = false;
            List<Long> entries = new ArrayList<>();
            for (TraceFacts.Translation t : f.translations) {
                TraceEvent.NatTranslated e = t.event();
                if (e.fromAddress().equals(a)) {
                    String ns = f.hop(t.hop()).ns();
                    if (!where.contains(ns)) {
                        where.add(ns);
                    }
                    if (!entries.contains(e.entry())) {
                        entries.add(e.entry());
                    }
                    SourceRef r = f.natRuleIn(t.hop(), t.at().hook());
                    if (r != null && !rules.contains(r)) {
                        rules.add(r);
                    }
                    if (to == null) {
                        to = e.toAddress();
                        source = e.manip().source();
                    }
                }
            }
            if (where.isEmpty()) {
                continue;
            }
            out.add(new Diagnostic(Code.PAYLOAD_ADDRESS_NOT_TRANSLATED, Severity.WARNING,
                    "the payload carries " + a + ", the " + (source ? "source" : "destination") + " address that "
                            + "NAT in " + String.join(", ", where) + " rewrote to " + to + " in the header only: "
                            + "the receiver sees " + a + " inside the payload, and if the payload is "
                            + "integrity-protected no NAT helper may rewrite it",
                    where, entries, rules,
                    "have the application put the translated address (" + to + ") into the payload before it "
                            + "is protected (for example a getsockname wrapper loaded with LD_PRELOAD), or give the host "
                            + "an address that needs no NAT"));
        }
    }
}
