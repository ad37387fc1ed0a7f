package org.netwright.engine;

/**
 * The kernel's jhash2 (Bob Jenkins' lookup3 mix and final, initial value 0xdeadbeef) for a key of four 32-bit
 * words, as nf_nat hashes an address. Deterministic: the kernel seeds it with values of the packet, not a secret.
 */
final class Jhash {
    private static final int INITVAL = 0xdeadbeef;

    private Jhash() {
    }

    static int hash4(int k0, int k1, int k2, int k3, int initval) {
        int a = INITVAL + (4 << 2) + initval;
        int b = a;
        int c = a;
        // one full block of three words
        a += k0;
        b += k1;
        c += k2;
        a -= c;
        a ^= Integer.rotateLeft(c, 4);
        c += b;
        b -= a;
        b ^= Integer.rotateLeft(a, 6);
        a += c;
        c -= b;
        c ^= Integer.rotateLeft(b, 8);
        b += a;
        a -= c;
        a ^= Integer.rotateLeft(c, 16);
        c += b;
        b -= a;
        b ^= Integer.rotateLeft(a, 19);
        a += c;
        c -= b;
        c ^= Integer.rotateLeft(b, 4);
        b += a;
        // the last word, then the final mix
        a += k3;
        c ^= b;
        c -= Integer.rotateLeft(b, 14);
        a ^= c;
        a -= Integer.rotateLeft(c, 11);
        b ^= a;
        b -= Integer.rotateLeft(a, 25);
        c ^= b;
        c -= Integer.rotateLeft(b, 16);
        a ^= c;
        a -= Integer.rotateLeft(c, 4);
        b ^= a;
        b -= Integer.rotateLeft(a, 14);
        c ^= b;
        c -= Integer.rotateLeft(b, 24);
        return c;
    }
}
