#!/usr/bin/env python3
"""Fixture generator: the relative-position error of uniform bf16 / fp16 RoPE pipelines, by brute force.

Writes src/test/resources/fixtures/rope/relative-error.csv (relative to the repository root); the Java test
RelativeErrorFixtureTest only reads it.

    /tmp/venv-erasure/bin/python src/test/python/gen_relative_error_fixtures.py          # (re)write
    /tmp/venv-erasure/bin/python src/test/python/gen_relative_error_fixtures.py --check  # compare only

Versions: requirements.txt (gmpy2, numpy). Deterministic (no randomness).

The pipeline, emulated with MPFR (gmpy2) one correctly rounded operation at a time, every stage in format F
(bf16: 8 bits, emin=-132, emax=128; fp16: 11 bits, emin=-23, emax=16, subnormals on, nearest-even):
  e_i     = RN(RN(2i) / RN(d))
  b'      = RN(b)                       (inf when b overflows F)
  pow_i   = RN(b' ^ e_i)                (mpfr_pow, correctly rounded; inf^0 = 1)
  f_i     = RN(1 / pow_i)               (the stored inv_freq)
  T(p)    = RN(p)
  phase_i(p) = RN(T(p) * f_i)
theta_i = b^(-2i/d) at 320 bits. For every pair 1 <= r <= p < L the error
  e_i(p, r) = phase_i(p) - phase_i(p - r) - r theta_i
is evaluated pair by pair (no identity e = err(p) - err(p-r) is used): in numpy double-double (TwoSum of the
two phases, which are doubles; r theta with theta split into a 26-bit head, a tail and the rest, each product
by r < 2^13 exact), absolute error far below 1e-20; pairs within 1e-12 of a tolerance are re-decided with
MPFR at 640 bits, or with exact fractions where theta is rational (b^(2i/d) an integer, found by iroot).

Columns: pipeline, base, head_dim, context, mode, inv_freq (hex, exact), max_distance (R; 'all' = every r <= p),
delta, horizon (the first p with some r <= R, |e| > delta; 'none'), max_abs_error (the largest |e| over the
pairs, repr of a double within 1e-20 of it).
"""
import argparse
import sys
from fractions import Fraction
from pathlib import Path

import gmpy2
import numpy as np

from fixture_files import write_or_check

ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "src/test/resources/fixtures/rope"
CONTEXT = 4096
HEAD_DIM = 8
DISTANCES = [1, 2, 16, 1000, "all"]
DELTAS = ["0.01", "0.1", "1"]
FORMATS = {"bf16-all": (8, -132, 128), "fp16-all": (11, -23, 16)}
BASES = [1000, 10000, 500000]


def context_for(fmt):
    precision, emin, emax = fmt
    return gmpy2.context(precision=precision, emin=emin, emax=emax, subnormalize=True, round=gmpy2.RoundToNearest)


def emulate(fmt, base, d, context):
    """The stored inv_freq and the phases phase_i(p), p < context, per mode, as Python floats (exact)."""
    ctx = context_for(fmt)
    with gmpy2.local_context(ctx):
        b = gmpy2.mpfr(base)
        dim = gmpy2.mpfr(d)
        positions = [gmpy2.mpfr(p) for p in range(context)]
        modes = []
        for i in range(d // 2):
            e = gmpy2.mpfr(2 * i) / dim
            pw = b ** e
            f = gmpy2.mpfr(1) / pw
            phases = [float(t * f) for t in positions]
            modes.append((float(f), phases))
    return modes


def theta_parts(base, i, d):
    """theta = base^(-2i/d) as (head of 26 bits, tail double, rest double, mpfr at 320 bits, exact Fraction or None)."""
    with gmpy2.local_context(gmpy2.context(precision=320)):
        theta = gmpy2.mpfr(base) ** (gmpy2.mpfr(-2 * i) / d)
        exact = None
        root, is_exact = gmpy2.iroot(gmpy2.mpz(base) ** (2 * i), d)
        if is_exact:
            exact = Fraction(1, int(root))
        t0 = float(theta)
        m, ex = np.frexp(t0)
        head = float(np.ldexp(np.floor(np.ldexp(m, 26)), int(ex) - 26))  # 26 significant bits
        tail = float(gmpy2.mpfr(t0) - head)  # exact: t0 - head has at most 27 bits
        rest = float(theta - t0)
        return head, tail, rest, theta, exact


def two_sum(a, b):
    s = a + b
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


def exceeds_exactly(phase, p, r, theta, exact, delta):
    turn = Fraction(phase[p]) - Fraction(phase[p - r])
    if exact is not None:
        return abs(turn - r * exact) > delta
    with gmpy2.local_context(gmpy2.context(precision=640)):
        e = gmpy2.mpfr(turn.numerator) / turn.denominator - r * theta
        return abs(e) > gmpy2.mpfr(delta.numerator) / delta.denominator


def mode_rows(phase, base, i, d, context):
    head, tail, rest, theta, exact = theta_parts(base, i, d)
    ph = np.array(phase, dtype=np.float64)
    deltas = [Fraction(x) for x in DELTAS]
    first = [[None] * len(deltas) for _ in range(context)]  # per r: first failing p per delta
    colmax = [0.0] * context
    for r in range(1, context):
        a = ph[r:]
        b = -ph[:-r]
        s, es = two_sum(a, b)
        u, eu = two_sum(s, np.full_like(s, -r * head))
        e = u + (eu + es - r * tail - r * rest)
        ab = np.abs(e)
        colmax[r] = float(ab.max())
        for k, delta in enumerate(deltas):
            dv = float(delta)
            sure = np.nonzero(ab > dv + 1e-12)[0]
            near = np.nonzero(np.abs(ab - dv) <= 1e-12)[0]
            cands = [int(j) for j in near if exceeds_exactly(phase, int(j) + r, r, theta, exact, delta)]
            found = ([int(sure[0])] if len(sure) else []) + cands
            first[r][k] = min(found) + r if found else None
    rows = []
    for R in DISTANCES:
        top = context - 1 if R == "all" else min(R, context - 1)
        mx = max(colmax[1:top + 1])
        for k, delta in enumerate(DELTAS):
            fs = [first[r][k] for r in range(1, top + 1) if first[r][k] is not None]
            rows.append((str(R), delta, str(min(fs)) if fs else "none", repr(mx)))
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    lines = ["pipeline,base,head_dim,context,mode,inv_freq,max_distance,delta,horizon,max_abs_error"]
    for name, fmt in FORMATS.items():
        for base in BASES:
            for i, (f, phase) in enumerate(emulate(fmt, base, HEAD_DIM, CONTEXT)):
                for R, delta, horizon, mx in mode_rows(phase, base, i, HEAD_DIM, CONTEXT):
                    lines.append(f"{name},{base},{HEAD_DIM},{CONTEXT},{i},{float(f).hex()},{R},{delta},{horizon},{mx}")
    bad = write_or_check(OUT, {"relative-error.csv": "\n".join(lines) + "\n"}, args.check)
    if bad:
        print("differ: " + ", ".join(bad), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
