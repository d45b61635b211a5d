#!/usr/bin/env python3
"""Fixture for the zone's decisions at 15 digits (src/test/resources/fixtures/real/zone-15.csv), from python-flint.

Each row is a zone query (L, N, eps, d = 128, approx spectrum, machine epsilon, base b, formats fp32 and bf16) and
what ropebounds' `zone` must print for it at 15 significant digits, computed here with arb balls (256 bits, doubled
until every value is decided) from the exact rational inputs, independently of the Java code:
  * the lower bounds L/(2 pi), L/acos(eps), L/acos(eps^(1/N)) and the zone's lower end (their max), rounded UP;
  * per format, with ceiling C = 2^(p-1): C/lower (the room) rounded DOWN, acos(eps^(1/N)) C (the largest-context
    bound) rounded DOWN, L_max = ceil(acos(eps^(1/N)) C) - 1 (the largest integer strictly below), p_min =
    floor(log2(L/acos(eps^(1/N)))) + 2, C/b rounded DOWN, or exactly when it is a terminating decimal of at most
    25 significant digits;
  * b/lower rounded DOWN, and the largest depth max(0, floor(log(eps)/log(cos(L/b)))) (0 when L/b >= pi/2).
Directed roundings are made with exact integer arithmetic on the ball's endpoints (read exactly with man_exp()):
a value is accepted only when both endpoints round to the same decimal, so the printed decimal is the directed
rounding of the exact real. Decimals are written as unscaled integer and exponent: "k e j" means k * 10^j.

Rows mix the benchmark's grid (random L = 2^11..2^24, N = 1..126, eps in {0.5, 0.9, 0.99, 0.01}, b in [10^4, 10^8))
with bases that make C/b a terminating decimal (b = 2^i 5^j) and bases small enough that L/b >= pi/2.

Run from a venv with python-flint 0.9.0 (requirements.txt), from the repository root:
    python src/test/python/gen_zone_fixtures.py           # write
    python src/test/python/gen_zone_fixtures.py --check   # compare with the committed file
"""
import random
import sys
from fractions import Fraction
from pathlib import Path

import flint
from flint import arb, ctx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fixture_files import write_or_check  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "resources" / "fixtures" / "real"
DIGITS = 15
FORMATS = (("fp32", 24), ("bf16", 8))


class Undecided(Exception):
    pass


def ends(x):
    """The ball's endpoints as exact Fractions."""
    out = []
    for e in (x.lower(), x.upper()):
        m, k = e.man_exp()
        out.append(Fraction(int(m)) * (Fraction(2) ** int(k)))
    return out


def floor_div(a, b):
    return a // b


def directed(q, up):
    """q > 0 rounded up (toward +inf) or down to DIGITS significant digits: (k, j) with k * 10^j."""
    e = 0
    while Fraction(10) ** (e + 1) <= q:
        e += 1
    while Fraction(10) ** e > q:
        e -= 1
    j = e - DIGITS + 1
    s = q / (Fraction(10) ** j)
    k = s.numerator // s.denominator
    if up and k != s:
        k += 1
    if k == 10 ** DIGITS:  # rounded up to the next decade
        k, j = 10 ** (DIGITS - 1), j + 1
    return k, j


def decided(x, up):
    lo, hi = ends(x)
    if lo <= 0:
        raise Undecided()
    a, b = directed(lo, up), directed(hi, up)
    if a != b:
        raise Undecided()
    return a


def common_floor(x):
    lo, hi = ends(x)
    a, b = lo.numerator // lo.denominator, hi.numerator // hi.denominator
    if a != b:
        raise Undecided()
    return a


def common_ceil(x):
    lo, hi = ends(x)
    a, b = -((-lo.numerator) // lo.denominator), -((-hi.numerator) // hi.denominator)
    if a != b:
        raise Undecided()
    return a


def exact_decimal(q):
    """q as (k, j) when it is a terminating decimal of at most 25 significant digits, else None."""
    d = q.denominator
    twos = fives = 0
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    if d != 1:
        return None
    j = -max(twos, fives)
    k = q * Fraction(10) ** (-j)
    k = k.numerator
    while k % 10 == 0 and k != 0:
        k //= 10
        j += 1
    return (k, j) if len(str(k)) <= 25 else None


def fmt(kj):
    return f"{kj[0]}e{kj[1]}"


def zone(L, N, eps, b):
    e = arb(eps.numerator) / eps.denominator
    pi = arb.pi()
    acos_root = 2 * (((-(e.log() / N).expm1()) / 2).sqrt()).asin()
    aliasing = arb(L) / (2 * pi)
    dc = arb(L) / e.acos()
    depth = arb(L) / acos_root
    if not (depth > aliasing):
        raise Undecided()  # depth stability binds over aliasing (decided here); dc never binds
    lower = depth
    row = [fmt(decided(aliasing, True)), fmt(decided(dc, True)), fmt(decided(depth, True)), fmt(decided(lower, True))]
    for _, p in FORMATS:
        c = 2 ** (p - 1)
        row.append(fmt(decided(arb(c) / lower, False)))
        bound = acos_root * c
        row.append(fmt(decided(bound, False)))
        row.append(str(max(0, common_ceil(bound) - 1)))
        row.append(str(max(1, common_floor(depth.log() / arb(2).log()) + 2)))
        exact = exact_decimal(Fraction(c, b))
        row.append(fmt(exact) + "x" if exact else fmt(decided(arb(c) / b, False)))
    row.append(fmt(decided(arb(b) / lower, False)))
    phase = arb(L) / b
    if phase > pi / 2:
        row.append("0")
    elif phase < pi / 2:
        row.append(str(max(0, common_floor(e.log() / phase.cos().log()))))
    else:
        raise Undecided()
    return row


def compute(L, N, eps, b):
    prec = 256
    while True:
        ctx.prec = prec
        try:
            return zone(L, N, eps, b)
        except Undecided:
            prec *= 2
            if prec > 8192:
                raise


def main():
    check = "--check" in sys.argv
    rng = random.Random(17015)
    tolerances = ["0.5", "0.9", "0.99", "0.01"]
    rows = []
    for i in range(400):
        L = 2 ** rng.randrange(11, 25)
        N = 1 + rng.randrange(126)
        eps = tolerances[rng.randrange(len(tolerances))]
        if i % 8 == 0:
            b = 2 ** rng.randrange(0, 12) * 5 ** rng.randrange(6, 12)  # C/b terminates
        elif i % 8 == 1:
            b = rng.randrange(1000, 12000)  # L/b often past pi/2
        else:
            b = rng.randrange(10_000, 100_000_000)
        rows.append([str(L), str(N), eps, str(b)] + compute(L, N, Fraction(eps), b))
    header = ["context", "layers", "tolerance", "base", "aliasing_up", "dc_up", "depth_up", "lower_up"]
    for name, _ in FORMATS:
        header += [f"ratio_{name}_down", f"maxbound_{name}_down", f"lmax_{name}", f"pmin_{name}", f"margin_upper_{name}_down"]
    header += ["margin_lower_down", "max_depth"]
    text = (f"# Generated by src/test/python/gen_zone_fixtures.py (python-flint {flint.__version__}); decimals k e j mean k*10^j,"
            " rounded in their safe direction to 15 digits from arb balls, x marks an exact value; regenerate: python3"
            " src/test/python/gen_zone_fixtures.py\n" + ",".join(header) + "\n" + "".join(",".join(r) + "\n" for r in rows))
    bad = write_or_check(OUT, {"zone-15.csv": text}, check)
    if bad:
        print("differs:", bad)
        sys.exit(1)


if __name__ == "__main__":
    main()
