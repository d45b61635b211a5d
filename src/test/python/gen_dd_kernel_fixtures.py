#!/usr/bin/env python3
"""Golden fixture for the double-double level's table-reduced exp and expm1, its log, and its asin and acos through
one sine: src/test/resources/fixtures/real/dd-kernels.csv; and the log of exact rationals near 1 (the log1p path):
src/test/resources/fixtures/real/dd-log-exact.csv.

    /tmp/venv-erasure/bin/python src/test/python/gen_dd_kernel_fixtures.py          # (re)write
    /tmp/venv-erasure/bin/python src/test/python/gen_dd_kernel_fixtures.py --check  # compare only

(python-flint and mpmath importable, versions pinned in requirements.txt.) Deterministic: a fixed seed, only
randrange(), no floats in the arguments' construction.

Each row is a function (exp, expm1, log, asin, acos, sin, cos), a point argument given as a double-double
hi + lo (two exact C99 hex doubles, |lo| <= ulp(hi)/2), and the 300-bit python-flint (arb) ball of f at that
point as its exact ends, checked to contain mpmath's 460-bit value. The arguments sit where the reduction
changes: on both sides of every half step (k + 1/2) (ln 2)/64 the exp and expm1 reductions round at, at the
table's ends and its wrap (k = 63, 64, 65, -1, -64, -65), near expm1's switch at 0.35 and near 0, log near 1
and across magnitudes, asin and acos near 0, 1/2 and 3/4, where the series lengths change.
"""
import random
from fractions import Fraction
from pathlib import Path

import flint
import mpmath
from flint import arb, ctx
from fixture_files import arf_fraction as frac, hex_text, run  # noqa: E402

PREC = 300
MP_PREC = 460
LN2 = None


def double_double(q):
    """The double-double nearest q: hi = RN(q), lo = RN(q - hi) (float(Fraction) rounds to nearest)."""
    hi = float(q)
    lo = float(q - Fraction(hi))
    assert hi + lo == hi
    return hi, lo


def ln2():
    ctx.prec = PREC + 40
    b = arb(2).log()
    return (frac(b.lower()) + frac(b.upper())) / 2


def arguments(rnd):
    l2 = ln2()
    out = []
    ks = list(range(-33, 34)) + [-129, -128, -127, -65, -64, -63, 63, 64, 65, 127, 128, 1000, -1000, 55000, -55000]
    for k in ks:
        for f in (Fraction(-1, 2) + Fraction(1, 1 << 40), Fraction(0), Fraction(1, 4), Fraction(1, 2) - Fraction(1, 1 << 40)):
            m = (k + f) * l2 / 64
            out.append(("exp", m))
            if abs(m) <= Fraction(36, 100):
                out.append(("expm1", m))
    for m in (Fraction(35, 100), Fraction(-35, 100), Fraction(351, 1000), Fraction(-351, 1000), Fraction(1, 1 << 30),
              Fraction(-1, 1 << 60), Fraction(1, 1 << 199), Fraction(3, 1 << 201), Fraction(5), Fraction(-7, 3)):
        out.append(("expm1", m))
        out.append(("exp", m))
    for _ in range(60):
        out.append(("exp", Fraction(rnd.randrange(-600 << 40, 600 << 40), 1 << 40)))
        out.append(("expm1", Fraction(rnd.randrange(-(1 << 50), 1 << 50), 1 << 52) / (1 + rnd.randrange(126))))
    for e in (Fraction(1, 2), Fraction(9, 10), Fraction(99, 100), Fraction(1, 100), Fraction(999999, 1000000),
              Fraction(1000001, 1000000), Fraction(3), Fraction(1, 3)):
        out.append(("log", e))
    for _ in range(60):
        out.append(("log", Fraction(2) ** rnd.randrange(-40, 40) * Fraction(rnd.randrange(1 << 60, 1 << 61), 1 << 60)))
    for x in (Fraction(1, 2), Fraction(1, 2) + Fraction(1, 1 << 50), Fraction(1, 2) - Fraction(1, 1 << 50), Fraction(3, 4),
              Fraction(3, 4) - Fraction(1, 1 << 52), Fraction(1, 1 << 30), Fraction(1, 1 << 70), Fraction(999, 1000),
              Fraction(1, 10), Fraction(7, 10)):
        for s in (1, -1):
            out.append(("asin", s * x))
            out.append(("acos", s * x))
    for _ in range(80):
        x = Fraction(rnd.randrange(-(1 << 60), 1 << 60), 1 << 60)
        out.append(("asin", x))
        out.append(("acos", x))
        # the zone's argument: sqrt((1 - eps^(1/N))/2) for eps in (0, 1), N in 1..126
        out.append(("asin", Fraction(rnd.randrange(1, 1 << 40), 1 << 41) ** 1 / (1 + rnd.randrange(126))))
    for _ in range(60):
        y = Fraction(rnd.randrange(-(1 << 60), 1 << 60), 1 << 60) * Fraction(17, 10) / (1 << rnd.randrange(0, 30))
        out.append(("sin", y))
        out.append(("cos", y))
    return out


def evaluate(f, q):
    ctx.prec = PREC
    x = arb(q.numerator) / arb(q.denominator)
    ball = {"exp": x.exp, "expm1": x.expm1, "log": x.log, "asin": x.asin, "acos": x.acos, "sin": x.sin, "cos": x.cos}[f]()
    mpmath.mp.prec = MP_PREC
    t = mpmath.mpf(q.numerator) / q.denominator
    ref = {"exp": mpmath.exp, "expm1": mpmath.expm1, "log": mpmath.log, "asin": mpmath.asin, "acos": mpmath.acos,
           "sin": mpmath.sin, "cos": mpmath.cos}[f](t)
    lo, hi = frac(ball.lower()), frac(ball.upper())
    sign, man, exp, _ = mpmath.mpf(ref)._mpf_
    r = (-1 if sign else 1) * Fraction(int(man)) * Fraction(2) ** int(exp)
    assert lo <= r <= hi, (f, q)
    assert hi - lo <= abs(r) * Fraction(1, 1 << 250) + Fraction(1, 1 << 290), (f, q)
    return lo, hi


def build():
    rnd = random.Random(20261217)
    lines = ["# Generated by src/test/python/gen_dd_kernel_fixtures.py (python-flint %s, mpmath %s): f at the double-double "
             "hi + lo (exact hex) as a %d-bit arb ball [value_lo, value_hi] (exact hex) containing mpmath's %d-bit value"
             % (flint.__version__, mpmath.__version__, PREC, MP_PREC),
             "function,hi,lo,value_lo,value_hi"]
    for f, q in arguments(rnd):
        hi, lo = double_double(q)
        if hi == 0 or (f in ("asin", "acos") and abs(hi) >= 1):
            continue
        x = Fraction(hi) + Fraction(lo)
        vlo, vhi = evaluate(f, x)
        lines.append(",".join([f, hex_text(Fraction(hi)), hex_text(Fraction(lo)), hex_text(vlo), hex_text(vhi)]))
    return "\n".join(lines) + "\n"


def exact_log_arguments(rnd):
    """Exact rationals near 1 whose log the level takes as log1p(v - 1) (|v - 1| <= 1/4), and a few just beyond."""
    out = [Fraction(9, 10), Fraction(99, 100), Fraction(999, 1000), Fraction(999999, 1000000), Fraction(11, 10),
           Fraction(101, 100), Fraction(3, 4), Fraction(5, 4), Fraction(4, 5), Fraction(7, 10), Fraction(13, 10),
           Fraction(1, 2), Fraction(3, 2), Fraction(3, 4) - Fraction(1, 1 << 52), Fraction(5, 4) + Fraction(1, 1 << 52)]
    for k in (20, 40, 53, 60, 100, 190):
        out += [1 + Fraction(1, 1 << k), 1 - Fraction(1, 1 << k), 1 + Fraction(1, 10 ** (k * 3 // 10))]
    for _ in range(60):
        q = rnd.randrange(2, 1 << 40)
        out.append(Fraction(rnd.randrange(q - q // 4, q + q // 4 + 1), q))
    for _ in range(20):  # numerator and denominator beyond 53 bits: the argument's ball is rounded from the rational
        q = rnd.randrange(1 << 60, 1 << 70)
        out.append(Fraction(q + rnd.randrange(-(q >> 3), q >> 3), q))
    return [v for v in out if v != 1]


def build_exact_log():
    rnd = random.Random(20261201)
    lines = ["# Generated by src/test/python/gen_dd_kernel_fixtures.py (python-flint %s, mpmath %s): log of the exact "
             "rational p/q as a %d-bit arb ball [value_lo, value_hi] (exact hex) containing mpmath's %d-bit value"
             % (flint.__version__, mpmath.__version__, PREC, MP_PREC),
             "p,q,value_lo,value_hi"]
    for v in exact_log_arguments(rnd):
        vlo, vhi = evaluate("log", v)
        lines.append(",".join([str(v.numerator), str(v.denominator), hex_text(vlo), hex_text(vhi)]))
    return "\n".join(lines) + "\n"


def main():
    run(Path("src/test/resources/fixtures/real"), lambda: {"dd-kernels.csv": build(), "dd-log-exact.csv": build_exact_log()})


if __name__ == "__main__":
    main()
