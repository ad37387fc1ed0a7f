package org.netwright.benchmarks.lsp;

/**
 * A .nwp text with {@code rules} nftables rules: one router whose filter table has chains of 100 rules each (the
 * first a base chain at the forward hook), every rule on a line of its own as the formatter writes it, with a comment
 * line before each chain. No error, so the language server's diagnostics are its validation of a clean file.
 */
public final class LargeModel {
    /** The line of {@link #EDITED} comment that the edit benchmark changes, and the text on it. */
    public static final String EDITED = "# edit marker: a";

    private LargeModel() {
    }

    public static String text(int rules) {
        StringBuilder sb = new StringBuilder(rules * 64);
        sb.append(EDITED).append('\n');
        sb.append("namespace router {\n");
        sb.append("\tinterface eth0 { address 203.0.113.2/24 }\n");
        sb.append("\tinterface eth1 { address 10.0.0.1/8 }\n");
        sb.append("\tnftables {\n");
        sb.append("\t\ttable inet filter {\n");
        int chains = (rules + 99) / 100;
        int written = 0;
        for (int c = 0; c < chains; c++) {
            sb.append("\t\t\t# chain ").append(c).append(": rules ").append(written).append(" to ")
                    .append(Math.min(rules, written + 100) - 1).append('\n');
            sb.append("\t\t\tchain c").append(c).append(" {\n");
            if (c == 0) {
                sb.append("\t\t\t\ttype filter hook forward priority filter; policy accept;\n");
            }
            for (int r = 0; r < 100 && written < rules; r++, written++) {
                sb.append("\t\t\t\tiif eth1 ip saddr 10.").append(written / 250 % 250).append('.').append(written % 250)
                        .append(".1 tcp dport ").append(1024 + written % 60000).append(" accept\n");
            }
            sb.append("\t\t\t}\n");
        }
        sb.append("\t\t}\n");
        sb.append("\t}\n");
        sb.append("}\n");
        return sb.toString();
    }
}
