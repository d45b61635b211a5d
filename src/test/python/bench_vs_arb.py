#!/usr/bin/env python3
"""ropebounds against python-flint (Arb), back to back in one run, one ratio per line.

Runs the Java harnesses (ZoneBenchmark, TablesBenchmark) and python-flint computing the same quantities
to the same digits with the same decision rule (a value counts when both ends of its ball round to the
same n significant digits; the precision doubles until they do), then prints ropebounds/flint throughput
ratios, each on its own line. Same-run ratios are the figures; absolute rates depend on the machine.

Workloads (as the Java harnesses define them):
- zones: random L = 2^11..2^24, N = 1..126, eps in {0.5, 0.9, 0.99, 0.01}, d = 128, approx spectrum, a
  base in [10^4, 10^8), formats fp32 and bf16: the three lower bounds, per format the ceiling ratio,
  acos(eps^(1/N))/resolution and its floor (L_max), p_min, the verdict, both margins, and the largest
  depth floor(log(eps)/log(cos(L/b))), at 15, 30 and 100 digits. python-flint: one core.
- cells: the minimum-base table of the default grid (16 contexts x 10 depths x 3 eps x 2 spectra = 960
  cells): the three lower bounds (raised to d/(d-2) for the exact spectrum) and the binding one, at 6, 15,
  20 and 40 digits. ropebounds' TablesBenchmark uses every core; python-flint one.

Usage (from the repository root, after `mvn -q -B package -DskipTests`):
    python3 -m venv /tmp/flint-venv && /tmp/flint-venv/bin/pip install -r src/test/python/requirements.txt
    /tmp/flint-venv/bin/python src/test/python/bench_vs_arb.py
Not a test: nothing here asserts a time.
"""
import random
import re
import subprocess
import sys
import time

from flint import arb, ctx

CLASSPATH = "target/ropebounds.jar:target/test-classes"
FORMATS = {"fp32": 24, "bf16": 8}  # significand bits p; machine epsilon 2^(1-p), ceiling 2^(p-1)


def java(harness):
    """Runs a Java harness; returns {digits: rate} from its 'N digits: R units/s' lines."""
    out = subprocess.run(["java", "-cp", CLASSPATH, "org.ropebounds.bench." + harness], capture_output=True, text=True,
                         check=True).stdout
    sys.stdout.write(out)
    return {int(m.group(1)): float(m.group(2).replace(",", "")) for m in re.finditer(r"(\d+) digits:\s+([\d,]+) \w+/s", out)}


def rounded(x, n):
    """The n-digit decimal both ends of x round to, or None when they differ."""
    lo = x.lower().str(n, radius=False)
    hi = x.upper().str(n, radius=False)
    return lo if lo == hi else None


def ziv(n, compute):
    """compute(prec) returns a list of balls and integer decisions (None = undecided); precision doubles until all decide."""
    prec = int(n * 3.33) + 20
    while True:
        ctx.prec = prec
        values = compute(n)
        if all(v is not None for v in values):
            return values
        prec *= 2
        if prec > 20000:
            return values


def floor_if_decided(x):
    lo, hi = x.lower().floor(), x.upper().floor()
    return int(lo.unique_fmpz()) if lo == hi else None


def below_if_decided(x):
    lo, hi = x.lower().ceil(), x.upper().ceil()
    return int(lo.unique_fmpz()) - 1 if lo == hi else None


def zone(L, N, eps, b, n):
    def compute(n):
        e = arb(eps)
        pi = arb.pi()
        root_log = e.log() / N
        acos_root = 2 * (((-root_log.expm1()) / 2).sqrt()).asin()
        aliasing = arb(L) / (2 * pi)
        dc = arb(L) / e.acos()
        depth = arb(L) / acos_root
        lower = depth if depth > aliasing else aliasing  # depth stability binds (decided below)
        out = [rounded(aliasing, n), rounded(dc, n), rounded(depth, n), True if (depth > aliasing or depth < aliasing) else None]
        for p in FORMATS.values():
            ceiling = arb(2) ** (p - 1)
            out.append(rounded(ceiling / lower, n))
            bound = acos_root * ceiling
            out.append(rounded(bound, n))
            out.append(below_if_decided(bound))  # L_max: the largest integer strictly below
            out.append(floor_if_decided(depth.log() / arb(2).log()))  # p_min from floor(log2(L / acos(root)))
            out.append(True if (lower > b or lower < b) and (ceiling > b or ceiling < b) else None)
            out.append(rounded(ceiling / b, n))
        out.append(rounded(arb(b) / lower, n))
        phase = arb(L) / b
        if phase < pi / 2:
            out.append(floor_if_decided(e.log() / phase.cos().log()))
        else:
            out.append(0)
        return out
    return ziv(n, compute)


def cell(L, N, eps, exact_spectrum, n):
    def compute(n):
        e = arb(eps)
        pi = arb.pi()
        root_log = e.log() / N
        acos_root = 2 * (((-root_log.expm1()) / 2).sqrt()).asin()
        bounds = [arb(L) / (2 * pi), arb(L) / e.acos(), arb(L) / acos_root]
        if exact_spectrum:
            bounds = [x ** (arb(128) / 126) for x in bounds]
        out = [rounded(x, n) for x in bounds]
        out.append(True if (bounds[2] > bounds[0] or bounds[2] < bounds[0]) else None)
        return out
    return ziv(n, compute)


def rate(items, f, n):
    for it in items[:50]:  # warm-up
        f(*it, n)
    start = time.perf_counter()
    for it in items:
        f(*it, n)
    return len(items) / (time.perf_counter() - start)


def main():
    rnd = random.Random(2026)
    zones = [(1 << rnd.randint(11, 24), rnd.randint(1, 126), rnd.choice(["0.5", "0.9", "0.99", "0.01"]),
              rnd.randrange(10_000, 100_000_000)) for _ in range(4000)]
    contexts = sorted([1 << k for k in range(11, 25)] + [1_000_000, 10_000_000])
    cells = [(L, N, eps, sp) for L in contexts for N in (1, 12, 24, 32, 40, 48, 61, 80, 96, 126)
             for sp in (False, True) for eps in ("0.5", "0.9", "0.99")]

    java_zones = java("ZoneBenchmark")
    flint_zones = {}
    for n, count in ((15, 4000), (30, 1000), (100, 200)):
        flint_zones[n] = rate(zones[:count], zone, n)
        print(f"python-flint {n:3d} digits: {flint_zones[n]:10,.0f} zones/s (1 core, {count} zones)")
    java_cells = java("TablesBenchmark")
    flint_cells = {}
    for n in (6, 15, 20, 40):
        flint_cells[n] = rate(cells, cell, n)
        print(f"python-flint {n:3d} digits: {flint_cells[n]:10,.0f} cells/s (1 core, {len(cells)} cells)")
    for n in sorted(flint_zones):
        if n in java_zones:
            print(f"ratio zones {n} digits (ropebounds 1 thread / python-flint): {java_zones[n] / flint_zones[n]:.2f}")
    for n in sorted(flint_cells):
        if n in java_cells:
            print(f"ratio min-base cells {n} digits (ropebounds all cores / python-flint 1 core): {java_cells[n] / flint_cells[n]:.2f}")


if __name__ == "__main__":
    main()
