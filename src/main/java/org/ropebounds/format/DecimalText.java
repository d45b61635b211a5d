package org.ropebounds.format;

import java.math.BigDecimal;

/** Decimal notation for exact decimals. */
final class DecimalText {
    private DecimalText() {
    }

    /**
     * ECMAScript's Number-to-String layout (ECMA-262, Number::toString) applied to an exact decimal:
     * with k significant digits s and value s * 10^(n-k): plain when -6 &lt; n &lt;= 21, otherwise
     * {@code d.ddde+x}.
     */
    static String ecmaScript(BigDecimal x) {
        if (x.signum() == 0) {
            return "0";
        }
        BigDecimal d = x.stripTrailingZeros();
        String sign = d.signum() < 0 ? "-" : "";
        String s = d.unscaledValue().abs().toString();
        int k = s.length();
        long n = (long) k - d.scale();
        String body;
        if (k <= n && n <= 21) {
            body = s + "0".repeat((int) (n - k));
        } else if (0 < n && n <= 21) {
            body = s.substring(0, (int) n) + "." + s.substring((int) n);
        } else if (-6 < n && n <= 0) {
            body = "0." + "0".repeat((int) -n) + s;
        } else {
            long e = n - 1;
            body = s.charAt(0) + (k > 1 ? "." + s.substring(1) : "") + "e" + (e >= 0 ? "+" : "-") + Math.abs(e);
        }
        return sign + body;
    }
}
