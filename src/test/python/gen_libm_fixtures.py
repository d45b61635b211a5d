#!/usr/bin/env python3
"""Fixtures for `ropebounds crosscheck --libm` and `--inv-freq`: float32 arrays made by numpy (whose float32
pow and cos are not correctly rounded), by a deliberately poor float32 cos polynomial, and with planted
errors; and the envelope counts a correct checker must report, computed here independently with MPFR (gmpy2).

Writes src/test/resources/fixtures/libm/ (relative to the repository root):

    /tmp/venv-erasure/bin/pip install -r src/test/python/requirements-libm.txt   # or any venv with them
    /tmp/venv-erasure/bin/python src/test/python/gen_libm_fixtures.py          # (re)write
    /tmp/venv-erasure/bin/python src/test/python/gen_libm_fixtures.py --check  # compare only

Arrays (b = 500000, d = 128, 64 columns: one per mode, fp32 .npy)
-----------------------------------------------------------------
* inv_freq_numpy.npy: transformers' formula in numpy float32, 1 / (b ** (arange(0, d, 2) / d)): numpy's
  float32 pow is 1 ulp off in 13 of the 64 modes.
* cos_numpy_p17.npy (positions 131072..131135) and cos_numpy_p20.npy (1048576..1048607): np.cos of the
  float32 product of the float32 positions and inv_freq_numpy.
* cos_poor_p17.npy (131072..131135): the phases of the hf pipeline (inv_freq correctly rounded), cos by a
  float32 Horner polynomial after a float64 reduction to [-pi/4, pi/4] (see poor_cos): a few ulps off.
* cos_planted_p17.npy: cos_numpy_p17 with planted errors: the correctly rounded value +3 ulps (away from zero) at (row 5, mode 0) and (row 9, mode 0), the
  sign flipped at (row 20, mode 10).

Expected counts (expected.json)
-------------------------------
For each case (command-line arguments) the entries inside and outside the envelope, computed by the
definition: the envelope of an entry is every value an implementation of the hf pipeline (fp32 throughout:
e_i = 2i/d, pow, 1/pow, t * inv_freq, cos) can produce when pow and cos may return any value the libm model
allows for the exact result of their actual arguments; every other op is correctly rounded. Sets are
enumerated value by value (pow's allowed values, then each inv_freq, then each phase, then each cos
value allowed for each phase), so the envelope here is the tightest interval holding them; the checker's
may be wider only where an enclosure straddles a rounding boundary, which the script checks does not
happen for these entries (every exact value used is at least 2^-60 relative away from every boundary).
Models: correct (RN), faithful (RD or RU), ulps:K (every fp32 y with |y - c| <= K ulp(c), ulp(c) the fp32
spacing of c's binade). MPFR at 300 bits; every exact value is recomputed at 400 bits and must agree.
"""
import json
import sys
from io import BytesIO
from pathlib import Path

import gmpy2
import numpy as np
from gmpy2 import mpfr

from fixture_files import write_or_check

OUT = Path(__file__).resolve().parents[2] / "test" / "resources" / "fixtures" / "libm"
B = 500000
D = 128
M = D // 2
HP = gmpy2.context(precision=300)
HP2 = gmpy2.context(precision=400)


def c32(rnd):
    return gmpy2.context(precision=24, emin=-148, emax=128, subnormalize=True, round=rnd)


def r32(x, rnd=gmpy2.RoundToNearest):
    with c32(rnd):
        return float(mpfr(x))


def f32(x):
    return float(np.float32(x))


def ulp32(c):
    """The fp32 spacing in the binade of c (c an mpfr), as an mpfr."""
    if c == 0:
        return mpfr(2) ** -149
    ex, _ = gmpy2.frexp(abs(c))  # |c| = m 2^ex, 0.5 <= m < 1
    return mpfr(2) ** max(ex - 24, -149)


def nextup(v):
    return float(np.nextafter(np.float32(v), np.float32(np.inf)))


def nextdown(v):
    return float(np.nextafter(np.float32(v), np.float32(-np.inf)))


def exact_pow(i):
    with HP:
        p = mpfr(B) ** (mpfr(i) / 64)
    with HP2:
        q = mpfr(B) ** (mpfr(i) / 64)
    check_far(p, q)
    return p


def exact_cos(x):
    with HP:
        c = gmpy2.cos(mpfr(x))
    with HP2:
        c2 = gmpy2.cos(mpfr(x))
    check_far(c, c2)
    return c


def check_far(c, c2):
    """The two precisions agree, and c is not within 2^-60 (relative) of an fp32 rounding boundary or midpoint."""
    with HP2:
        assert abs(c - c2) <= abs(c2) * mpfr(2) ** -250, "precisions disagree"
        if c2 == 0:
            return
        u = ulp32(c2) / 2  # boundaries of RN (midpoints) and of RD/RU (values): multiples of ulp/2
        frac = (c2 / u) - gmpy2.floor(c2 / u)
        assert min(frac, 1 - frac) > abs(c2 / u) * mpfr(2) ** -60 or frac == 0, "too close to a boundary: %s" % c2


def allowed(c, model):
    """The fp32 values a libm with `model` may return for the exact result c, as a sorted list."""
    if model == "correct":
        return [r32(c)]
    if model == "faithful":
        return sorted({r32(c, gmpy2.RoundDown), r32(c, gmpy2.RoundUp)})
    k = int(model.split(":")[1])
    with HP:
        lo = c - k * ulp32(c)
        hi = c + k * ulp32(c)
    v = r32(lo, gmpy2.RoundUp)
    out = []
    while v <= r32(hi, gmpy2.RoundDown):
        out.append(v)
        v = nextup(v)
    return out


def inv_freq_set(pow_model):
    """Per mode, the sorted fp32 inv_freq values the pipeline can hold."""
    sets = []
    for i in range(M):
        if i == 0:
            pows = [1.0]  # pow(x, +-0) = 1 for every x (C99 Annex F, F.9.4.4): no libm model widens it
        else:
            pows = allowed(exact_pow(i), pow_model)
        sets.append(sorted({r32(1 / mpfr(p)) for p in pows}))
    return sets


def envelope(inv_values, p, cos_model, cache):
    """[lo, hi] of every cos the pipeline can produce at position p from any of inv_values."""
    phases = sorted({r32(mpfr(p) * mpfr(v)) for v in inv_values})
    xs = []
    x = phases[0]
    while x <= phases[-1]:  # the phase set is an interval of fp32 values (RN is monotone in inv_freq)
        xs.append(x)
        x = nextup(x)
    lo, hi = None, None
    for x in xs:
        key = (x, cos_model)
        if key not in cache:
            a = allowed(exact_cos(x), cos_model)
            cache[key] = (a[0], a[-1])
        a0, a1 = cache[key]
        lo = a0 if lo is None else min(lo, a0)
        hi = a1 if hi is None else max(hi, a1)
    return lo, hi


def counts(arr, first, inv_sets, cos_model, cache):
    inside = outside = 0
    for r in range(arr.shape[0]):
        for i in range(M):
            lo, hi = envelope(inv_sets[i], first + r, cos_model, cache)
            v = float(arr[r, i])
            if lo <= v <= hi:
                inside += 1
            else:
                outside += 1
    return inside, outside


def npy(a):
    buf = BytesIO()
    np.save(buf, np.ascontiguousarray(a, dtype="<f4"), allow_pickle=False)
    return buf.getvalue()


def poor_cos(x):
    """cos of float32 x: reduced in float64 to r in [-pi/4, pi/4] (exact enough: |x| < 2^21) and rounded to
    float32, then Taylor polynomials (cos to r^8, sin to r^9) in float32 Horner form, the r^2 coefficient of cos
    2^-22 too large: a few ulps off."""
    f = np.float32
    x = np.asarray(x, dtype=np.float64)
    q = np.rint(x / (np.pi / 2))
    r = (x - q * (np.pi / 2)).astype(np.float32)
    r2 = r * r
    c = f(1) + r2 * (f(-0.5 * (1 + 2 ** -22)) + r2 * (f(1 / 24) + r2 * (f(-1 / 720) + r2 * f(1 / 40320))))
    s = r + r * r2 * (f(-1 / 6) + r2 * (f(1 / 120) + r2 * (f(-1 / 5040) + r2 * f(1 / 362880))))
    k = q.astype(np.int64) % 4
    out = np.where(k == 0, c, np.where(k == 1, -s, np.where(k == 2, -c, s)))
    return out.astype(np.float32)


def main():
    check = "--check" in sys.argv
    inv_np = (np.float32(1.0) / (np.float32(B) ** (np.arange(0, D, 2).astype(np.float32) / np.float32(D)))).astype(np.float32)
    inv_cr = np.array([r32(1 / mpfr(r32(exact_pow(i)))) if i else 1.0 for i in range(M)], dtype=np.float32)
    pow_off = sum(1 for i in range(M) if float(inv_np[i]) != float(inv_cr[i]))

    def cos_np(first, rows):
        t = (np.arange(first, first + rows, dtype=np.float64)).astype(np.float32)
        return np.cos(t[:, None] * inv_np[None, :])

    p17, p20 = 131072, 1048576
    a17 = cos_np(p17, 64)
    a20 = cos_np(p20, 32)
    t17 = np.arange(p17, p17 + 64, dtype=np.float64).astype(np.float32)
    phase_cr = t17[:, None] * inv_cr[None, :]
    poor = poor_cos(phase_cr)
    planted = a17.copy()
    bits = planted.view(np.uint32)
    for r in (5, 9):  # 3 ulps away from zero from the correctly rounded value (away from zero: the spacing can only grow)
        planted[r, 0] = np.float32(r32(exact_cos(f32(p17 + r))))
        bits[r, 0] += 3
    planted[20, 10] = -planted[20, 10]

    files = {
        "inv_freq_numpy.npy": npy(inv_np),
        "cos_numpy_p17.npy": npy(a17),
        "cos_numpy_p20.npy": npy(a20),
        "cos_poor_p17.npy": npy(poor),
        "cos_planted_p17.npy": npy(planted),
    }
    cache = {}
    sets = {m: inv_freq_set(m) for m in ("correct", "faithful", "ulps:1")}
    stored = [[float(v)] for v in inv_np]
    cases = []

    def case(name, file, first, inv_sets, pow_model, cos_model, extra):
        arr = np.load(BytesIO(files[file]))
        inside, outside = counts(arr, first, inv_sets, cos_model, cache)
        cases.append({"name": name, "file": file, "first_position": first, "rows": int(arr.shape[0]),
                      "args": extra, "pow": pow_model, "cos": cos_model, "inside": inside, "outside": outside})
        return outside

    base = lambda first, rows: ["--positions", "%d:%d" % (first, first + rows)]
    # numpy: 1-ulp-off pow explains it; with its own inv_freq, judged on its own phases
    for f, first, rows in (("cos_numpy_p17.npy", p17, 64), ("cos_numpy_p20.npy", p20, 32)):
        case(f + " correct", f, first, sets["correct"], "correct", "correct", base(first, rows) + ["--libm", "correct"])
        case(f + " faithful", f, first, sets["faithful"], "faithful", "faithful", base(first, rows) + ["--libm", "faithful"])
        case(f + " glibc", f, first, sets["ulps:1"], "ulps:1", "ulps:1", base(first, rows) + ["--libm", "glibc"])
        case(f + " stored faithful", f, first, stored, "faithful", "faithful",
             base(first, rows) + ["--libm", "faithful", "--inv-freq", "inv_freq_numpy.npy"])
        case(f + " stored glibc", f, first, stored, "ulps:1", "ulps:1",
             base(first, rows) + ["--libm", "glibc", "--inv-freq", "inv_freq_numpy.npy"])
        case(f + " stored ulps:2", f, first, stored, "ulps:2", "ulps:2",
                    base(first, rows) + ["--libm", "ulps:2", "--inv-freq", "inv_freq_numpy.npy"])
    # the poor polynomial: within 4 ulps, not faithful
    assert case("poor ulps:4", "cos_poor_p17.npy", p17, sets["correct"], "correct", "ulps:4",
                base(p17, 64) + ["--libm-cos", "ulps:4"]) == 0
    assert case("poor faithful", "cos_poor_p17.npy", p17, sets["correct"], "correct", "faithful",
                base(p17, 64) + ["--libm-cos", "faithful"]) > 0
    # planted errors: outside every envelope
    for model, pm, cm in (("correct", "correct", "correct"), ("faithful", "faithful", "faithful"), ("glibc", "ulps:1", "ulps:1")):
        case("planted " + model, "cos_planted_p17.npy", p17, sets[pm], pm, cm, base(p17, 64) + ["--libm", model])
        case("planted stored " + model, "cos_planted_p17.npy", p17, stored, pm, cm,
             base(p17, 64) + ["--libm", model, "--inv-freq", "inv_freq_numpy.npy"])
    planted_at = [(5, 0), (9, 0), (20, 10)]
    for pm, cm, inv in (("faithful", "faithful", sets["faithful"]), ("ulps:1", "ulps:1", sets["ulps:1"]), ("faithful", "faithful", stored),
                        ("ulps:1", "ulps:1", stored)):
        for r, i in planted_at:
            lo, hi = envelope(inv[i], p17 + r, cm, cache)
            assert not (lo <= float(planted[r, i]) <= hi), ("planted entry inside", pm, r, i)
    expected = {"generator": "src/test/python/gen_libm_fixtures.py", "numpy": np.__version__, "gmpy2": gmpy2.version(),
                "base": B, "head_dim": D, "pow_modes_off_in_numpy": pow_off, "planted": [{"row": r, "mode": i} for r, i in planted_at],
                "cases": cases}
    files["expected.json"] = json.dumps(expected, indent=1) + "\n"
    bad = write_or_check(OUT, files, check)
    if bad:
        print("differ:", bad)
        sys.exit(1)
    for c in cases:
        print(c["name"], c["inside"], c["outside"])
    print("pow modes off:", pow_off)


if __name__ == "__main__":
    main()
