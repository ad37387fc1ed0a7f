import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The command line's class path, derived from the bundles' manifests: starting from org.netwright.cli, every bundle it
 * requires and every bundle exporting a package it imports, transitively, with the fragments of those bundles;
 * optional requirements are left out (nothing the command line runs needs them, and they are the way into the
 * workbench). Writes the jars, relative to the product folder and in the order they were reached (the command line's
 * own bundles first), separated by ':', to {@code netwright.classpath} beside {@code plugins/}.
 * <p>
 * Signed jars are put on the path as unsigned copies in {@code cli/} (signature files and per-entry digests left
 * out): on a class path the JDK checks the signature of every class it loads from a signed jar, and class data
 * sharing leaves such classes out of its archive, which together cost the command line about a third of its start.
 * The bundles in {@code plugins/} stay as they are, signed, for the desktop application.
 *
 * <pre>java CliClassPath.java PRODUCT_FOLDER [ROOT_BUNDLE]</pre>
 *
 * Fails when a non-optional requirement has no bundle, or when a bundle of the user interface ends up on the path.
 */
public final class CliClassPath {
    /** Bundles the command line must never load: a requirement that reaches them is a mistake in a manifest. */
    private static final List<String> FORBIDDEN_PREFIXES = List.of("org.eclipse.swt", "org.eclipse.ui", "org.eclipse.jface",
            "org.eclipse.e4.ui", "org.eclipse.gef", "org.eclipse.draw2d", "org.netwright.ui", "org.netwright.diagram",
            "org.netwright.app");

    record Bundle(String name, String version, Path jar, List<Clause> requires, List<Clause> imports, List<String> exports,
            String host) {
    }

    record Clause(String name, Map<String, String> params) {
        boolean optional() {
            return "optional".equals(params.get("resolution:"));
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: java CliClassPath.java PRODUCT_FOLDER [ROOT_BUNDLE]");
            System.exit(2);
        }
        Path product = Path.of(args[0]);
        String root = args.length > 1 ? args[1] : "org.netwright.cli";
        List<Bundle> bundles = new ArrayList<>();
        try (Stream<Path> jars = Files.list(product.resolve("plugins"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                Bundle b = read(jar);
                if (b != null) {
                    bundles.add(b);
                }
            }
        }
        List<Bundle> path = closure(bundles, root);
        List<String> forbidden = path.stream().map(Bundle::name)
                .filter(n -> FORBIDDEN_PREFIXES.stream().anyMatch(p -> n.equals(p) || n.startsWith(p + "."))).toList();
        if (!forbidden.isEmpty()) {
            throw new IllegalStateException("the command line's class path reaches user interface bundles: " + forbidden);
        }
        Path copies = product.resolve("cli");
        Files.createDirectories(copies);
        StringBuilder sb = new StringBuilder();
        int unsigned = 0;
        for (Bundle b : path) {
            Path jar = b.jar();
            if (signed(jar)) {
                jar = unsignedCopy(jar, copies.resolve(jar.getFileName()));
                unsigned++;
            }
            sb.append(sb.isEmpty() ? "" : ":").append(product.relativize(jar));
        }
        Path out = product.resolve("netwright.classpath");
        Path tmp = product.resolve("netwright.classpath.tmp");
        Files.writeString(tmp, sb.append('\n').toString(), StandardCharsets.UTF_8);
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("command line class path: " + path.size() + " of " + bundles.size() + " bundles (" + unsigned
                + " as unsigned copies in cli/) -> " + out);
    }

    private static final Pattern SIGNATURE = Pattern.compile("META-INF/[^/]+\\.(SF|RSA|DSA|EC)", Pattern.CASE_INSENSITIVE);

    private static boolean signed(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile(), false)) {
            return j.stream().anyMatch(e -> SIGNATURE.matcher(e.getName()).matches());
        }
    }

    /** {@code jar} without its signature: no signature files, the manifest's main section only. */
    private static Path unsignedCopy(Path jar, Path copy) throws IOException {
        Path tmp = copy.resolveSibling(copy.getFileName() + ".tmp");
        try (JarFile in = new JarFile(jar.toFile(), false);
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(tmp))) {
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().putAll(in.getManifest().getMainAttributes());
            JarEntry m = new JarEntry(JarFile.MANIFEST_NAME);
            m.setTime(in.getEntry(JarFile.MANIFEST_NAME).getTime());
            out.putNextEntry(m);
            manifest.write(out);
            out.closeEntry();
            for (JarEntry e : java.util.Collections.list(in.entries())) {
                if (e.getName().equals(JarFile.MANIFEST_NAME) || SIGNATURE.matcher(e.getName()).matches()) {
                    continue;
                }
                JarEntry c = new JarEntry(e.getName());
                c.setTime(e.getTime());
                out.putNextEntry(c);
                try (var data = in.getInputStream(e)) {
                    data.transferTo(out);
                }
                out.closeEntry();
            }
        }
        Files.move(tmp, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return copy;
    }

    /** The bundles {@code root} needs, breadth first; the newest version where several are there. */
    static List<Bundle> closure(List<Bundle> bundles, String root) {
        Map<String, Bundle> byName = new HashMap<>();
        Map<String, List<Bundle>> exporters = new HashMap<>();
        Map<String, List<Bundle>> fragments = new HashMap<>();
        Comparator<Bundle> newest = Comparator.comparing(Bundle::version, CliClassPath::compareVersions).reversed();
        for (Bundle b : bundles.stream().sorted(newest).toList()) {
            byName.putIfAbsent(b.name(), b);
            b.exports().forEach(p -> exporters.computeIfAbsent(p, k -> new ArrayList<>()).add(b));
            if (b.host() != null) {
                fragments.computeIfAbsent(b.host(), k -> new ArrayList<>()).add(b);
            }
        }
        Set<Bundle> reached = new LinkedHashSet<>();
        Deque<Bundle> todo = new ArrayDeque<>();
        Bundle start = byName.get(root);
        if (start == null) {
            throw new IllegalStateException("no bundle " + root + " in the product");
        }
        todo.add(start);
        List<String> missing = new ArrayList<>();
        while (!todo.isEmpty()) {
            Bundle b = todo.poll();
            if (!reached.add(b)) {
                continue;
            }
            for (Clause c : b.requires()) {
                if (c.optional()) {
                    continue;
                }
                Bundle r = byName.get(c.name());
                if (r == null) {
                    missing.add(b.name() + " requires bundle " + c.name());
                } else {
                    todo.add(r);
                }
            }
            for (Clause c : b.imports()) {
                if (c.optional() || b.exports().contains(c.name())) {
                    continue;
                }
                List<Bundle> e = exporters.get(c.name());
                if (e != null) {
                    // a bundle already on the path serves the import if it can
                    todo.add(e.stream().filter(reached::contains).findFirst().orElse(e.get(0)));
                } else if (!fromJdk(c.name())) {
                    missing.add(b.name() + " imports package " + c.name());
                }
            }
            todo.addAll(fragments.getOrDefault(b.name(), List.of()));
            if (b.host() != null && byName.containsKey(b.host())) {
                todo.add(byName.get(b.host()));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("unresolved requirements of the command line: " + missing);
        }
        return new ArrayList<>(reached);
    }

    /** Packages the JDK provides (the OSGi system bundle exports them); no bundle needs to. */
    private static boolean fromJdk(String pkg) {
        if (pkg.startsWith("java.") || pkg.startsWith("javax.") || pkg.startsWith("org.w3c.") || pkg.startsWith("org.xml.")
                || pkg.startsWith("sun.") || pkg.startsWith("com.sun.") || pkg.startsWith("jdk.") || pkg.startsWith("org.ietf.")) {
            return ModuleLayer.boot().modules().stream().anyMatch(m -> m.getPackages().contains(pkg));
        }
        return false;
    }

    private static Bundle read(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            if (j.getManifest() == null) {
                return null;
            }
            Attributes a = j.getManifest().getMainAttributes();
            String symbolic = a.getValue("Bundle-SymbolicName");
            if (symbolic == null) {
                return null;
            }
            String host = a.getValue("Fragment-Host");
            return new Bundle(clauses(symbolic).get(0).name(), a.getValue("Bundle-Version") == null ? "0" : a.getValue("Bundle-Version"),
                    jar, clauses(a.getValue("Require-Bundle")), clauses(a.getValue("Import-Package")),
                    clauses(a.getValue("Export-Package")).stream().map(Clause::name).toList(),
                    host == null ? null : clauses(host).get(0).name());
        }
    }

    /**
     * An OSGi header as clauses: comma separated outside quotes; each clause's paths separated by ';' before its
     * parameters ({@code a;b;version="1"} is two clauses with the same parameters).
     */
    static List<Clause> clauses(String header) {
        List<Clause> result = new ArrayList<>();
        if (header == null) {
            return result;
        }
        for (String clause : split(header, ',')) {
            List<String> names = new ArrayList<>();
            Map<String, String> params = new HashMap<>();
            for (String part : split(clause, ';')) {
                String p = part.trim();
                int eq = p.indexOf('=');
                if (eq < 0) {
                    names.add(p);
                } else {
                    String key = p.substring(0, eq).trim(); // "resolution:" for a directive
                    String value = p.substring(eq + 1).trim();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    params.put(key, value);
                }
            }
            names.forEach(n -> result.add(new Clause(n, params)));
        }
        return result;
    }

    private static List<String> split(String s, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    /** OSGi versions: major.minor.micro numerically, then the qualifier as text. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.", 4);
        String[] y = b.split("\\.", 4);
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(part(x, i), part(y, i));
            if (c != 0) {
                return c;
            }
        }
        return (x.length > 3 ? x[3] : "").compareTo(y.length > 3 ? y[3] : "");
    }

    private static int part(String[] v, int i) {
        try {
            return i < v.length ? Integer.parseInt(v[i]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
