#!/usr/bin/env python3
"""ropebounds against python-flint (Arb), back to back in one run, one ratio per line.

Runs the Java harnesses (ZoneBenchmark, TablesBenchmark) and python-flint computing the same quantities
to the same digits with the same decision rule (a value counts when both ends of its ball round to the
same n significant digits; the precision doubles until they do), then prints ropebounds/flint throughput
ratios, each on its own line. Same-run ratios are the figures; absolute rates depend on the machine.

Comparisons, run back to back, each printed as "ratio ...: X (target ...)" on its own line:
- zones: random L = 2^11..2^24, N = 1..126, eps in {0.5, 0.9, 0.99, 0.01}, d = 128, approx spectrum, a
  base in [10^4, 10^8), formats fp32 and bf16: the three lower bounds, per format the ceiling ratio,
  acos(eps^(1/N))/resolution and its floor (L_max), p_min, the verdict, both margins, and the largest
  depth floor(log(eps)/log(cos(L/b))), at 15, 30 and 100 digits (ZoneBenchmark, one thread, in-process,
  against python-flint on one core; the two alternate, 7 times or 3 with --quick, and the medians are compared).
- cells: issue 17's minimum-base grid at 15 digits, L = 2^11..2^40 (30 contexts) x N = 1..126 x eps in
  {0.1, ..., 0.9, 0.99} x 2 spectra = 75,600 cells: `tables --spec` (whole process, all cores; no case
  study, one erasure base) minus the same spec reduced to one cell, against python-flint computing the same
  cells (one core).
- start-up: `zone` with the README's example arguments, and `crosscheck` of a one-row .npy, whole
  process through `./ropebounds` (the README's launcher: the jar with its start-up archive), median wall time
  over the bare JVM printing one line (lower is better; target <= 4); plain `java -jar` is shown beside it.
- erasure: `erasure --base 500000 --head-dim 256 --context 2^40 --pipeline hf,hf-bf16-inv-freq,bf16-all,
  fp16-all,fp64 --format all --json` minus a trivial erasure run, against numpy's brute-force collision
  scan of the hf pipeline (fp32 inv_freq, positions and phases) at L = 2^24, d = 128.
- crosscheck: CrosscheckBenchmark's rate against the exact values (131072 x 64 fp32 cos cache, all cores) over
  numpy's float64 comparison of a cache of the same shape (one core); the two alternate, a fresh JVM each time.
Process timings alternate the commands they compare and take medians; the machine's load changes
absolute rates, the same-run ratios are the figures.

Usage (from the repository root, after `mvn -q -B package -DskipTests`):
    python3 -m venv /tmp/flint-venv && /tmp/flint-venv/bin/pip install -r src/test/python/requirements.txt
    /tmp/flint-venv/bin/python src/test/python/bench_vs_arb.py [--quick] [--startup] [--only zones,cells,startup,erasure,crosscheck]
Not a test: nothing here asserts a time.
"""
import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

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


JAR = "target/ropebounds.jar"
TOLERANCES = ["0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "0.99"]


def wall(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def alternate(commands, reps):
    """Runs the commands in turn, reps times; returns each one's median wall time and its spread (min, max)."""
    times = [[] for _ in commands]
    for _ in range(reps):
        for i, c in enumerate(commands):
            times[i].append(wall(c))
    return [(statistics.median(t), min(t), max(t)) for t in times]


def show(label, m):
    print(f"  {label}: median {m[0]:.3f} s (min {m[1]:.3f}, max {m[2]:.3f})")


def issue_grid(one_cell):
    # the case study and all but one erasure base are left out: they cost both runs the same, and only add noise
    spec = {"contexts": [f"2^{k}" for k in range(11, 41)], "layers": list(range(1, 127)), "tolerances": TOLERANCES,
            "spectra": ["approx", "exact"], "digits": 15, "case_study": False, "bases": ["500000"]}
    if one_cell:
        spec.update(contexts=["2^11"], layers=[1], tolerances=["0.5"], spectra=["approx"])
    return spec


def bench_cells(tmp, reps):
    paths = []
    for name, one in (("grid", False), ("one", True)):
        path = os.path.join(tmp, name + ".json")
        with open(path, "w") as f:
            json.dump(issue_grid(one), f)
        paths.append(path)
    cmds = [["java", "-jar", JAR, "tables", "--spec", p, "--out", os.path.join(tmp, "out-" + os.path.basename(p)), "--quiet"]
            for p in paths]
    full, one = alternate(cmds, reps)
    show("tables --spec grid (75,600 cells)", full)
    show("tables --spec one cell", one)
    cells = 30 * 126 * 10 * 2
    java_rate = cells / (full[0] - one[0])
    print(f"ropebounds 15 digits: {java_rate:10,.0f} cells/s (whole process, all cores, minus the one-cell run)")
    items = [(1 << k, n, eps, sp) for k in range(11, 41) for n in range(1, 127) for sp in (False, True) for eps in TOLERANCES]
    flint_rate = rate(items, cell, 15)
    print(f"python-flint 15 digits: {flint_rate:10,.0f} cells/s (1 core, {len(items)} cells)")
    return java_rate / flint_rate


LAUNCHER = "./ropebounds"  # the README's commands: the jar with its start-up archive (target/ropebounds.jsa)
ZONE_EXAMPLE = ["zone", "--context", "128k", "--layers", "32", "--tolerance", "0.9", "--head-dim", "128", "--format", "fp32,bf16",
                "--base", "500000"]
CROSSCHECK_ONE_ROW = ["crosscheck", "--quantity", "inv_freq", "--base", "500000", "--head-dim", "128", "--pipeline", "hf",
                      "src/test/resources/fixtures/crosscheck/inv_freq_fp32_correct.npy"]


def bench_startup(tmp, reps):
    """The README's zone example and a one-row crosscheck through ./ropebounds, and the same through plain
    `java -jar` (no archive, for comparison), alternated with a bare JVM; returns the launcher's two ratios."""
    with open(os.path.join(tmp, "Hello.java"), "w") as f:
        f.write('public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n')
    subprocess.run(["javac", "-d", tmp, os.path.join(tmp, "Hello.java")], check=True)
    if not os.path.exists("target/ropebounds.jsa"):
        print("  (no target/ropebounds.jsa: ./ropebounds runs without its start-up archive)")
    reps = max(reps, 11)  # a process start is short and noisy: at least 11 alternations, even with --quick
    hello = ["java", "-cp", tmp, "Hello"]
    plain = ["java", "-jar", JAR]
    h, z, c, zj, cj = alternate([hello, [LAUNCHER] + ZONE_EXAMPLE, [LAUNCHER] + CROSSCHECK_ONE_ROW, plain + ZONE_EXAMPLE,
                                 plain + CROSSCHECK_ONE_ROW], reps)
    show("bare JVM printing one line", h)
    show("./ropebounds zone (README example)", z)
    show("./ropebounds crosscheck of a one-row .npy", c)
    show(f"java -jar zone: {zj[0] / h[0]:.2f} x the bare JVM", zj)
    show(f"java -jar crosscheck one row: {cj[0] / h[0]:.2f} x the bare JVM", cj)
    print(f"  load average when done: {os.getloadavg()[0]:.2f}")
    return z[0] / h[0], c[0] / h[0]


def numpy_hf_scan(L=1 << 24, d=128, base=500000):
    """Brute force: the first position p whose fp32 phase equals that of p - 1 in some mode (hf pipeline)."""
    e = np.arange(0, d, 2, dtype=np.int64).astype(np.float32) / np.float32(d)
    inv_freq = np.float32(1) / (np.float32(base) ** e)
    t = np.arange(L, dtype=np.float32)
    first = None
    for f in inv_freq:
        phase = t * f
        hits = np.flatnonzero(phase[1:] == phase[:-1])
        if hits.size:
            p = int(hits[0]) + 1
            first = p if first is None else min(first, p)
    return first


def bench_erasure(reps):
    """The 12-pipeline erasure run minus a trivial one, through ./ropebounds (the README's command) and plain
    `java -jar` (for comparison), against numpy's brute-force hf scan; returns the launcher's ratio."""
    args = ["erasure", "--base", "500000", "--head-dim", "256", "--context", "2^40", "--pipeline",
            "hf,hf-bf16-inv-freq,bf16-all,fp16-all,fp64", "--format", "all", "--json"]
    trivial = ["erasure", "--base", "500000", "--head-dim", "8", "--context", "2", "--pipeline", "hf"]
    plain = ["java", "-jar", JAR]
    numpy_times = []
    f, t, fj, tj = alternate([[LAUNCHER] + args, [LAUNCHER] + trivial, plain + args, plain + trivial], reps)
    for _ in range(reps):
        start = time.perf_counter()
        numpy_hf_scan()
        numpy_times.append(time.perf_counter() - start)
    show("./ropebounds erasure (12 pipelines)", f)
    show("./ropebounds erasure (trivial)", t)
    n = statistics.median(numpy_times)
    show(f"java -jar erasure (12 pipelines): numpy / (this - trivial) = {n / max(fj[0] - tj[0], 1e-3):.2f}", fj)
    show("java -jar erasure (trivial)", tj)
    print(f"  numpy brute-force hf scan, L = 2^24, d = 128: median {n:.3f} s (min {min(numpy_times):.3f}, max {max(numpy_times):.3f})")
    return n / max(f[0] - t[0], 1e-3)


def bench_crosscheck(tmp, reps):
    """CrosscheckBenchmark's rate against the exact values (131072 x 64 fp32 cos cache, all cores) over numpy's own
    float64 comparison of a cache of the same shape read from a .npy file: float64 cos of float64 phases, rounded to
    float32 and compared entry by entry (no certificate: what a kernel suite would write instead). The two alternate,
    reps times (a fresh JVM each time, then five numpy repetitions), and the medians are compared: the machine's speed
    changes within a minute, and one pass of each would compare two different machines."""
    rows, d, base = 131072, 128, 500000
    theta = np.float64(base) ** (-np.arange(0, d, 2, dtype=np.float64) / d)
    cache = np.cos((np.arange(rows, dtype=np.float32)[:, None] * theta.astype(np.float32)[None, :]).astype(np.float32))
    path = os.path.join(tmp, "cos.npy")
    np.save(path, cache.astype(np.float32))
    threads = str(len(os.sched_getaffinity(0)))  # the cores this process may use, as the JVM counts them
    java_rates, numpy_rates = [], []
    for _ in range(reps):
        out = subprocess.run(["java", "-cp", CLASSPATH, "org.ropebounds.bench.CrosscheckBenchmark", threads, "1"],
                             capture_output=True, text=True, check=True).stdout
        sys.stdout.write(out)
        java_rates.append(float(re.search(r"^against exact: ([\d.]+) million entries/s", out, re.M).group(1)) * 1e6)
        times = []
        for _ in range(5):
            start = time.perf_counter()
            a = np.load(path)
            expected = np.cos(np.arange(rows, dtype=np.float64)[:, None] * theta[None, :]).astype(np.float32)
            int(np.count_nonzero(a != expected))
            times.append(time.perf_counter() - start)
        numpy_rates.append(rows * (d // 2) / statistics.median(times))
        print(f"numpy float64 comparison: {numpy_rates[-1] / 1e6:.1f} million entries/s (1 core, median of {len(times)})")
    j, n = statistics.median(java_rates), statistics.median(numpy_rates)
    print(f"crosscheck: ropebounds median {j / 1e6:.1f}, numpy median {n / 1e6:.1f} million entries/s over {reps} alternations; "
          f"per alternation {', '.join(f'{a / b:.2f}' for a, b in zip(java_rates, numpy_rates))}")
    return j / n


PARTS = ("zones", "cells", "startup", "erasure", "crosscheck")


def main():
    parser = argparse.ArgumentParser(description="ropebounds against python-flint and numpy, one same-run ratio per line.")
    parser.add_argument("--quick", action="store_true", help="3 repetitions of each process timing instead of 7")
    parser.add_argument("--startup", action="store_true", help="the start-up ratios alone (same as --only startup)")
    parser.add_argument("--only", default=",".join(PARTS),
                        help="comma-separated comparisons to run, of " + ", ".join(PARTS) + " (default: all)")
    args = parser.parse_args()
    parts = ["startup"] if args.startup else [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = [p for p in parts if p not in PARTS]
    if unknown or not parts:
        parser.error(f"--only {args.only!r}: expected a comma-separated list of {', '.join(PARTS)}")
    reps = 3 if args.quick else 7
    rnd = random.Random(2026)
    zones = [(1 << rnd.randint(11, 24), rnd.randint(1, 126), rnd.choice(["0.5", "0.9", "0.99", "0.01"]),
              rnd.randrange(10_000, 100_000_000)) for _ in range(4000)]
    ratios = []
    if "zones" in parts:
        # the two sides alternate, a fresh JVM each time, and the ratio is that of the medians: the machine's speed can
        # change within a minute, and one pass of each would compare two different machines
        java_runs, flint_runs = [], []
        for rep in range(reps):
            java_runs.append(java("ZoneBenchmark"))
            flint_runs.append({})
            for n, count in ((15, 4000), (30, 1000), (100, 200)):
                flint_runs[-1][n] = rate(zones[:count], zone, n)
                print(f"python-flint {n:3d} digits: {flint_runs[-1][n]:10,.0f} zones/s (1 core, {count} zones)")
        for n, target in ((15, ">= 5"), (30, ">= 1"), (100, ">= 0.3")):
            if all(n in r for r in java_runs):
                j = statistics.median(r[n] for r in java_runs)
                f = statistics.median(r[n] for r in flint_runs)
                print(f"zones {n} digits: ropebounds median {j:,.0f}, python-flint median {f:,.0f} zones/s over {reps} alternations; "
                      f"per alternation {', '.join(f'{a[n] / b[n]:.2f}' for a, b in zip(java_runs, flint_runs))}")
                ratios.append(f"ratio zones {n} digits (ropebounds 1 thread / python-flint 1 core): {j / f:.2f} (target {target})")
    with tempfile.TemporaryDirectory() as tmp:
        if "cells" in parts:
            ratios.append(f"ratio min-base cells 15 digits (ropebounds tables --spec, all cores / python-flint 1 core): "
                          f"{bench_cells(tmp, reps):.2f} (target >= 3)")
        if "startup" in parts:
            z, c = bench_startup(tmp, reps)
            ratios.append(f"ratio start-up zone / bare JVM (median wall): {z:.2f} (target <= 4)")
            ratios.append(f"ratio start-up crosscheck one-row .npy / bare JVM (median wall): {c:.2f} (target <= 4)")
    if "erasure" in parts:
        ratios.append(f"ratio erasure (numpy hf scan / ropebounds 12 pipelines minus trivial run): {bench_erasure(reps):.2f} (target >= 10)")
    if "crosscheck" in parts:
        with tempfile.TemporaryDirectory() as tmp:
            ratios.append(f"ratio crosscheck against exact (ropebounds all cores / numpy float64 comparison, 1 core): "
                          f"{bench_crosscheck(tmp, reps):.2f} (target >= 4)")
    for line in ratios:
        print(line)


if __name__ == "__main__":
    main()
