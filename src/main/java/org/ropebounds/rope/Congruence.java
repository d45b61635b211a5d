package org.ropebounds.rope;

import java.math.BigInteger;
import java.util.Optional;

/** The first term of an arithmetic progression modulo m that falls at or below a threshold. */
final class Congruence {
    private Congruence() {
    }

    /**
     * The least x >= 0 with (a x + b) mod m <= t, or empty when there is none.
     *
     * <p>While a x + b climbs through one lap [k m, (k+1) m), its residues increase; so the first residue
     * at or below t is either b itself or the residue where a lap begins. Those landing residues
     * v_j = (b + a x_j) - (j+1) m lie in [0, a) and step by -(m mod a) modulo a: the same problem with
     * modulus a. Reflecting first so that a <= m/2 makes the moduli at least halve: Euclid's number of
     * steps. (a and b need not be reduced; m > 0; 0 <= t < m.)
     */
    static Optional<BigInteger> first(BigInteger multiplier, BigInteger offset, BigInteger m, BigInteger t) {
        BigInteger a = multiplier.mod(m);
        BigInteger b = offset.mod(m);
        if (t.signum() < 0) {
            return Optional.empty();
        }
        if (b.compareTo(t) <= 0) {
            return Optional.of(BigInteger.ZERO);
        }
        if (a.signum() == 0) {
            return Optional.empty();
        }
        if (a.shiftLeft(1).compareTo(m) > 0) {
            // y <= t iff (t - y) mod m <= t, and t - y = (m - a) x + (t - b) mod m: the same question with
            // multiplier m - a < m/2, which makes the recursion below halve its modulus (Euclid)
            return first(m.subtract(a), t.subtract(b), m, t);
        }
        // the first lap begins at x0 = ceil((m - b) / a), landing at v0 = a x0 + b - m in [0, a)
        BigInteger x0 = ceilDiv(m.subtract(b), a);
        BigInteger v0 = a.multiply(x0).add(b).subtract(m);
        if (v0.compareTo(t) <= 0) {
            return Optional.of(x0);
        }
        // landing j: v_j = (v0 - j (m mod a)) mod a; find the least j with v_j <= t
        Optional<BigInteger> j = first(a.subtract(m.mod(a)), v0, a, t);
        // lap j begins at the least x with a x + b >= (j + 1) m
        return j.map(k -> ceilDiv(k.add(BigInteger.ONE).multiply(m).subtract(b), a));
    }

    private static BigInteger ceilDiv(BigInteger x, BigInteger y) {
        BigInteger[] qr = x.divideAndRemainder(y);
        return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    }
}
