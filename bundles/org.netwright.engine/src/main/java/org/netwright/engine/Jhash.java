package org.netwright.engine;

/**
 * The kernel's jhash2 (Bob Jenkins' lookup3 mix and final, initial value 0xdeadbeef) for a key of four 32-bit
 * words, as nf_nat hashes an address. Deterministic: the kernel seeds it with values of the packet, not a secret.
 */
final class Jhash {
    private static final int INITVAL = 0xdeadbeef;
    /** Rotations of the six steps of __jhash_mix and the seven of __jhash_final. */
    private static final int[] MIX = {4, 6, 8, 16, 19, 4};
    private static final int[] FINAL = {14, 11, 25, 16, 4, 14, 24};

    private Jhash() {
    }

    static int hash4(int k0, int k1, int k2, int k3, int initval) {
        int seed = INITVAL + (4 << 2) + initval;
        // a, b, c: one full block of three words, mixed; then the last word and the final mix
        int[] v = {seed + k0, seed + k1, seed + k2};
        for (int k = 0; k < MIX.length; k++) {
            // x -= z; x ^= rol(z, r); z += y, with (x, y, z) = (a, b, c), (b, c, a), (c, a, b), ...
            int x = k % 3;
            int y = (k + 1) % 3;
            int z = (k + 2) % 3;
            v[x] -= v[z];
            v[x] ^= Integer.rotateLeft(v[z], MIX[k]);
            v[z] += v[y];
        }
        v[0] += k3;
        for (int k = 0; k < FINAL.length; k++) {
            // x ^= w; x -= rol(w, r), with (x, w) = (c, b), (a, c), (b, a), ...
            int x = (k + 2) % 3;
            int w = (k + 1) % 3;
            v[x] ^= v[w];
            v[x] -= Integer.rotateLeft(v[w], FINAL[k]);
        }
        return v[2];
    }
}
