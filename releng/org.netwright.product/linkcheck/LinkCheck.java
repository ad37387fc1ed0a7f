import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Link check of old bytecode (GEF/Draw2d 3.2 from 2007) against the product it ships in: every
 * class, method and field that the checked jars reference must exist in the product's bundles or
 * the JDK. A platform upgrade that removes something GEF calls then fails the build instead of
 * failing a user with NoClassDefFoundError or NoSuchMethodError.
 *
 * usage: java -cp asm.jar:asm-tree.jar LinkCheck.java <product plugins dir> <bundle name prefix>...
 * exit 0 when every reference resolves, 1 with the list of problems otherwise.
 */
public class LinkCheck {
    private final Map<String, byte[]> bytes = new HashMap<>();
    private final Map<String, ClassNode> parsed = new HashMap<>();
    private final Set<String> checked = new TreeSet<>();
    private final Map<String, Set<String>> problems = new TreeMap<>();
    private int references;

    public static void main(String[] args) throws Exception {
        LinkCheck check = new LinkCheck();
        Path plugins = Path.of(args[0]);
        List<String> prefixes = List.of(args).subList(1, args.length);
        int checkedJars = 0;
        try (Stream<Path> list = Files.list(plugins)) {
            for (Path p : list.sorted().toList()) {
                String name = p.getFileName().toString();
                boolean isChecked = prefixes.stream().anyMatch(pre -> name.startsWith(pre + "_"));
                checkedJars += isChecked ? 1 : 0;
                if (name.endsWith(".jar")) {
                    check.loadJar(p, isChecked);
                } else if (Files.isDirectory(p)) {
                    check.loadFolder(p);
                }
            }
        }
        if (checkedJars != prefixes.size()) {
            System.out.println("link check: expected " + prefixes.size() + " bundles " + prefixes + " in " + plugins + ", found " + checkedJars);
            System.exit(1);
        }
        check.loadJdk();
        check.run();
        System.out.println("link check: " + check.checked.size() + " classes of " + prefixes + ", " + check.references
                + " references, " + check.problems.size() + " problem(s)");
        check.problems.forEach((problem, users) -> {
            System.out.println("  " + problem);
            users.stream().limit(5).forEach(u -> System.out.println("      used in " + u));
        });
        System.exit(check.problems.isEmpty() ? 0 : 1);
    }

    private void loadJar(Path jar, boolean isChecked) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile())) {
            for (var e : java.util.Collections.list(jf.entries())) {
                String n = e.getName();
                if (n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class")) {
                    String cn = n.substring(0, n.length() - 6);
                    try (InputStream in = jf.getInputStream(e)) {
                        bytes.putIfAbsent(cn, in.readAllBytes());
                    }
                    if (isChecked) {
                        checked.add(cn);
                    }
                }
            }
        }
    }

    private void loadFolder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                if (p.toString().endsWith(".jar")) {
                    loadJar(p, false);
                } else if (p.toString().endsWith(".class")) {
                    String cn = dir.relativize(p).toString();
                    bytes.putIfAbsent(cn.substring(0, cn.length() - 6), Files.readAllBytes(p));
                }
            }
        }
    }

    private void loadJdk() throws IOException {
        Path modules = FileSystems.getFileSystem(URI.create("jrt:/")).getPath("/modules");
        try (Stream<Path> walk = Files.walk(modules)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".class")).toList()) {
                String rel = modules.relativize(p).toString();
                String cn = rel.substring(rel.indexOf('/') + 1, rel.length() - 6);
                if (!bytes.containsKey(cn)) {
                    bytes.put(cn, Files.readAllBytes(p));
                }
            }
        }
    }

    private ClassNode node(String cn) {
        return parsed.computeIfAbsent(cn, k -> {
            byte[] b = bytes.get(k);
            if (b == null) {
                return null;
            }
            ClassNode n = new ClassNode();
            new ClassReader(b).accept(n, ClassReader.SKIP_FRAMES | ClassReader.SKIP_DEBUG);
            return n;
        });
    }

    private void run() {
        for (String cn : checked) {
            ClassNode c = node(cn);
            requireClass(c.superName, cn);
            c.interfaces.forEach(i -> requireClass(i, cn));
            for (FieldNode f : c.fields) {
                requireType(Type.getType(f.desc), cn + "." + f.name);
            }
            for (MethodNode m : c.methods) {
                String where = cn + "." + m.name + m.desc;
                for (AbstractInsnNode insn : m.instructions) {
                    if (insn instanceof MethodInsnNode mi && !mi.owner.startsWith("[")) {
                        references++;
                        if (requireClass(mi.owner, where) && !resolves(mi.owner, mi.name, mi.desc, true)) {
                            add("missing method " + mi.owner + "." + mi.name + mi.desc, where);
                        }
                    } else if (insn instanceof FieldInsnNode fi) {
                        references++;
                        if (requireClass(fi.owner, where) && !resolves(fi.owner, fi.name, fi.desc, false)) {
                            add("missing field " + fi.owner + "." + fi.name + " " + fi.desc, where);
                        }
                    } else if (insn instanceof TypeInsnNode ti) {
                        references++;
                        requireType(ti.desc.startsWith("[") ? Type.getType(ti.desc) : Type.getObjectType(ti.desc), where);
                    } else if (insn instanceof LdcInsnNode li && li.cst instanceof Type t) {
                        references++;
                        requireType(t, where);
                    }
                }
            }
        }
    }

    private boolean requireType(Type t, String where) {
        while (t.getSort() == Type.ARRAY) {
            t = t.getElementType();
        }
        return t.getSort() != Type.OBJECT || requireClass(t.getInternalName(), where);
    }

    private boolean requireClass(String cn, String where) {
        if (cn == null || node(cn) != null) {
            return true;
        }
        add("missing class " + cn, where);
        return false;
    }

    /** Member lookup through superclasses and superinterfaces, as the JVM resolves it. */
    private boolean resolves(String owner, String name, String desc, boolean method) {
        Deque<String> todo = new ArrayDeque<>(List.of(owner));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String cn = todo.pop();
            ClassNode c = node(cn);
            if (c == null || !seen.add(cn)) {
                continue;
            }
            if (method) {
                for (MethodNode m : c.methods) {
                    if (m.name.equals(name) && (m.desc.equals(desc) || isSignaturePolymorphic(cn, m))) {
                        return true;
                    }
                }
            } else {
                for (FieldNode f : c.fields) {
                    if (f.name.equals(name) && f.desc.equals(desc)) {
                        return true;
                    }
                }
            }
            if (c.superName != null) {
                todo.add(c.superName);
            }
            todo.addAll(c.interfaces);
        }
        return false;
    }

    private static boolean isSignaturePolymorphic(String owner, MethodNode m) {
        return (owner.equals("java/lang/invoke/MethodHandle") || owner.equals("java/lang/invoke/VarHandle"))
                && (m.access & org.objectweb.asm.Opcodes.ACC_NATIVE) != 0;
    }

    private void add(String problem, String where) {
        problems.computeIfAbsent(problem, k -> new TreeSet<>()).add(where);
    }
}
