package org.netwright.engine.diagnostics;

import java.util.List;

/** One kind of explanation: looks at the facts of a trace and adds a diagnostic only when the trace shows it. */
interface Check {
    void run(TraceFacts f, List<Diagnostic> out);
}
