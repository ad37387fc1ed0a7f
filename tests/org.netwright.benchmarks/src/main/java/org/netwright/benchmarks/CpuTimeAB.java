package org.netwright.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Two builds of the engine compared in one JVM, for a machine that other work keeps busy (where JMH's
 * operations per second of wall time vary by more than the difference sought): each {@code benchmarks.jar} is
 * loaded by a class loader of its own, batches of one {@link Seed001Benchmark} operation alternate between them,
 * and the thread's CPU time per operation is compared (medians of the batches).
 *
 * <pre>java -cp target/benchmarks.jar org.netwright.benchmarks.CpuTimeAB OLD.jar NEW.jar [operation] [rounds]</pre>
 */
public final class CpuTimeAB {
    private static final int BATCH = 20_000;

    private CpuTimeAB() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: CpuTimeAB OLD.jar NEW.jar [fixedPing|fixedPingRequestOnly|brokenPing] [rounds]");
            System.exit(2);
        }
        String operation = args.length > 2 ? args[2] : "fixedPingRequestOnly";
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        Object[] state = new Object[2];
        Method[] op = new Method[2];
        for (int i = 0; i < 2; i++) {
            URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[i]).toUri().toURL()}, null);
            Class<?> c = loader.loadClass(Seed001Benchmark.class.getName());
            state[i] = c.getConstructor().newInstance();
            c.getMethod("setUp").invoke(state[i]);
            op[i] = c.getMethod(operation);
        }
        for (int w = 0; w < 10; w++) {
            for (int i = 0; i < 2; i++) {
                batch(op[i], state[i]);
            }
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[][] nsPerOp = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int s = 0; s < 2; s++) {
                // alternate which build goes first, so that neither always follows the other
                int i = r % 2 == 0 ? s : 1 - s;
                long t0 = mx.getCurrentThreadCpuTime();
                batch(op[i], state[i]);
                nsPerOp[i][r] = (mx.getCurrentThreadCpuTime() - t0) / (double) BATCH;
            }
        }
        double old = median(nsPerOp[0]);
        double now = median(nsPerOp[1]);
        System.out.printf("%s: old %.0f ns, new %.0f ns CPU per operation (medians of %d batches of %d); new/old %.3f%n",
                operation, old, now, rounds, BATCH, now / old);
    }

    private static void batch(Method op, Object state) throws ReflectiveOperationException {
        for (int k = 0; k < BATCH; k++) {
            op.invoke(state);
        }
    }

    private static double median(double[] x) {
        double[] v = x.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
