package org.netwright.cli;

import java.util.ArrayList;
import java.util.List;

/** Minimal option parsing for the io commands: positional arguments and {@code -o VALUE} / {@code --name VALUE}. */
final class Args {
    final List<String> positional = new ArrayList<>();
    private final java.util.Map<String, String> options = new java.util.LinkedHashMap<>();

    /** @param valued options that take a value (e.g. "-o", "--name"); any other argument starting with '-' is an error */
    static Args parse(String command, List<String> args, String... valued) {
        Args a = new Args();
        List<String> known = List.of(valued);
        for (int i = 0; i < args.size(); i++) {
            String s = args.get(i);
            if (known.contains(s)) {
                if (i + 1 >= args.size()) {
                    throw new Main.UsageException(command + ": " + s + " needs a value");
                }
                a.options.put(s, args.get(++i));
            } else if (s.startsWith("-") && s.length() > 1) {
                throw new Main.UsageException(command + ": unknown option " + s);
            } else {
                a.positional.add(s);
            }
        }
        return a;
    }

    String option(String name) {
        return options.get(name);
    }

    String required(String command, String name) {
        String v = options.get(name);
        if (v == null) {
            throw new Main.UsageException(command + " needs " + name + " <value>");
        }
        return v;
    }
}
