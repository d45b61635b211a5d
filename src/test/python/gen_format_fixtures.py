#!/usr/bin/env python3
"""Golden-fixture generator for ropebounds' small floating-point formats.

Writes CSV fixtures to src/test/resources/fixtures/formats/ (relative to the
repository root).  The Java tests only READ these files; they need no Python.

    python3 -m venv /tmp/fxvenv
    /tmp/fxvenv/bin/pip install -r src/test/python/requirements.txt
    /tmp/fxvenv/bin/python src/test/python/gen_format_fixtures.py          # (re)write
    /tmp/fxvenv/bin/python src/test/python/gen_format_fixtures.py --check  # compare only

The output is deterministic (fixed seeds, no hash/set iteration order, only
getrandbits() from Python's Mersenne Twister), so running the script twice with
the pinned library versions gives byte-identical files.

Independent implementations
---------------------------
Every rounded value is computed by MPFR (via gmpy2) AND by a small exact
pure-Python reference (fractions.Fraction); the two must agree in every mode.
For round-to-nearest-even the result is additionally checked against
  * numpy.float16 (fp16), cast from float64 (numpy converts float64->float16
    directly, no double rounding) and also cast from float32;
  * ml_dtypes.bfloat16 / float8_e4m3fn / float8_e5m2, cast FROM FLOAT32 only,
    on inputs exactly representable in float32.  ml_dtypes 0.6.0 converts
    float64 -> these types via float32 (double rounding), so a float64 cast is
    NOT the correctly rounded result; the script verifies that claim too
    (ml_dtypes(float64 x) == RNE_fmt(RNE_fp32(x)) for every float64 input) and
    reports how many inputs are affected;
  * tf32 (no numpy type): the classic integer trick on the fp32 bit pattern
    (bits + 0xfff + lsb) & ~0x1fff, on float32-representable inputs.
Any disagreement raises AssertionError (the script exits non-zero).

MPFR usage
----------
MPFR's exponent convention is x = 0.1b... * 2^E, so for a format (p, emin,
emax) the context is precision=p, emin=emin-p+2, emax=emax+1,
subnormalize=True.  The exact input (a gmpy2.mpq) is converted to mpfr ONCE
inside that context (mpfr_set_q + mpfr_subnormalize, which uses the ternary of
the first rounding, so there is no double rounding).

fp8-e4m3 is OCP e4m3fn: no infinity, S.1111.111 is NaN, max finite 448.  MPFR
is run with the IEEE-like structure (p=4, emin=-6, emax=8, whose max would be
480) and the result is post-processed (see apply_fn_policy): any result of
magnitude > 448 (i.e. 480 or inf) becomes NaN if the rounding direction points
away from zero for that sign (nearest-even; up for x > 0; down for x < 0) and
+-448 otherwise.

CSV conventions (rounding-<format>.csv: input,mode,result_hex,ternary,bits,ulp_hex)
-------------------------------------------------------------------------------
  * One header comment line starting with '#', then the column-name line.
  * input: exact rational, either a C99 hex float in normalized form
    (0x1.<hex>p<+-exp>, any number of hex digits, 0x0p+0 for zero) or a
    decimal string (Python/Java BigDecimal syntax, e.g. 0.1, -1.5e-7, 1e-30).
    Inputs never have a signed zero.
  * mode: nearest-even | toward-zero | up | down.
  * result_hex: normalized hex float 0x1.<hex digits, trailing zeros removed>p<+-exp>
    ('0x1p+6' if the fraction is 0; subnormals normalized too), 0x0p+0,
    -0x0p+0, inf, -inf, nan.
  * ternary: sign(result - input) in {-1,0,1}; for a NaN result the sign of
    the input; +inf -> 1, -inf -> -1.
  * bits: encoding, lowercase hex, zero padded to the full width (fp16/bf16: 4
    digits, fp8: 2, tf32: 5 = 19-bit sign|8 exp|10 frac = fp32 bits >> 13).
    Taken from numpy/ml_dtypes (tf32: numpy float32 >> 13) by casting the
    exactly representable result, and cross-checked with an independent
    encoder.  NaN (only produced by fp8-e4m3): 0x7f for a positive input,
    0xff for a negative input; this is exactly what ml_dtypes produces for
    the nearest-even overflow cast (verified) and is used for all modes.
  * ulp_hex: ulp of the INPUT: 2^(max(min(floor(log2|x|), emax), emin) - p + 1)
    (for x = 0: the smallest subnormal).  Computed with MPFR as
    succ(RZ(|x|)) - RZ(|x|) (succ = RU(r + tiny) in a context with a larger
    emax) and asserted equal to the formula.  For fp8-e4m3 the IEEE-like
    structure is used (|x| >= 256 -> 32).

shortest-decimal.csv: format,value_hex,shortest for fp16, fp32, fp64, where
shortest = numpy.format_float_scientific(x, unique=True, trim='-') (so '1e-01',
not '1.e-01'; '-0e+00' for negative zero).  Verified: parses back (RNE) to x,
no decimal with fewer significant digits round-trips (brute force with exact
rationals, ties-to-even boundaries), the last digit is correctly rounded, and
for fp64 it equals Python's repr() (David Gay's algorithm).
"""

import argparse
import io
import math
import random
import re
import sys
import zlib
from fractions import Fraction
from pathlib import Path

import gmpy2
import ml_dtypes
import numpy as np
from fixture_files import write_or_check  # noqa: E402

SCRIPT_REL = "src/test/python/gen_format_fixtures.py"
MODES = ["nearest-even", "toward-zero", "up", "down"]
MPFR_RND = {
    "nearest-even": gmpy2.RoundToNearest,
    "toward-zero": gmpy2.RoundToZero,
    "up": gmpy2.RoundUp,
    "down": gmpy2.RoundDown,
}


# ---------------------------------------------------------------------------
# Formats
# ---------------------------------------------------------------------------
class Fmt:
    def __init__(self, name, p, emin, emax, ebits, hexw, dtype=None, uint=None,
                 fn=False):
        self.name, self.p, self.emin, self.emax = name, p, emin, emax
        self.ebits, self.mbits, self.hexw = ebits, p - 1, hexw
        self.dtype, self.uint, self.fn = dtype, uint, fn
        self.bias = 1 - emin
        self.minsub = pow2(emin - p + 1)
        self.minnorm = pow2(emin)
        # max of the IEEE-like structure (what MPFR thinks)
        self.max_ieee = (2 - pow2(1 - p)) * pow2(emax)
        # true max finite
        self.max = self.max_ieee - pow2(emax - p + 1) if fn else self.max_ieee
        assert (2 ** ebits - (1 if fn else 2)) - self.bias == emax


def pow2(k):
    return Fraction(2) ** k


ROUND_FORMATS = [
    Fmt("fp16", 11, -14, 15, 5, 4, np.float16, np.uint16),
    Fmt("bf16", 8, -126, 127, 8, 4, ml_dtypes.bfloat16, np.uint16),
    Fmt("tf32", 11, -126, 127, 8, 5),
    Fmt("fp8-e4m3", 4, -6, 8, 4, 2, ml_dtypes.float8_e4m3fn, np.uint8, fn=True),
    Fmt("fp8-e5m2", 3, -14, 15, 5, 2, ml_dtypes.float8_e5m2, np.uint8),
]
FP32 = Fmt("fp32", 24, -126, 127, 8, 8, np.float32, np.uint32)
FP64 = Fmt("fp64", 53, -1022, 1023, 11, 16, np.float64, np.uint64)


# ---------------------------------------------------------------------------
# Exact helpers
# ---------------------------------------------------------------------------
def flog2(a):
    """floor(log2(a)) for a positive Fraction, exactly."""
    assert a > 0
    e = a.numerator.bit_length() - a.denominator.bit_length()
    if pow2(e) > a:
        e -= 1
    assert pow2(e) <= a < pow2(e + 1)
    return e


def is_dyadic(v):
    d = v.denominator
    return d & (d - 1) == 0


def hexstr(v, neg=False):
    """Normalized hex float of a dyadic rational: 0x1.<hex>p<+-e>."""
    if v == 0:
        return "-0x0p+0" if neg else "0x0p+0"
    assert is_dyadic(v), v
    sign = "-" if v < 0 else ""
    a = abs(v)
    e = flog2(a)
    f = a / pow2(e) - 1
    digits = []
    while f:
        f *= 16
        d = f.numerator // f.denominator
        digits.append("0123456789abcdef"[d])
        f -= d
    frac = ("." + "".join(digits)) if digits else ""
    return f"{sign}0x1{frac}p{e:+d}"


HEX_RE = re.compile(r"^([+-]?)0x([0-9a-f]+)(?:\.([0-9a-f]*))?p([+-]\d+)$")


def parse_hex(s):
    m = HEX_RE.match(s)
    assert m, s
    sign, ip, fp, ex = m.group(1), m.group(2), m.group(3) or "", int(m.group(4))
    v = Fraction(int(ip + fp, 16), 16 ** len(fp)) * pow2(ex)
    return -v if sign == "-" else v


def parse_input(s):
    return parse_hex(s) if "0x" in s else Fraction(s)


def dec_exact(v):
    """Exact decimal string of a rational whose denominator is 2^a 5^b."""
    if v == 0:
        return "0"
    d, a, b = v.denominator, 0, 0
    while d % 2 == 0:
        d //= 2
        a += 1
    while d % 5 == 0:
        d //= 5
        b += 1
    assert d == 1, v
    k = max(a, b)
    n = abs(v.numerator) * 10 ** k // v.denominator
    assert Fraction(n, 10 ** k) == abs(v)
    digits = str(n)
    stripped = digits.rstrip("0")
    k -= len(digits) - len(stripped)
    digits = stripped
    exp10 = len(digits) - 1 - k
    mant = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    s = ("-" if v < 0 else "") + mant + f"e{exp10}"
    assert Fraction(s) == v
    return s


def floor_log10(a):
    assert a > 0
    e = len(str(a.numerator)) - len(str(a.denominator))
    while Fraction(10) ** e > a:
        e -= 1
    while Fraction(10) ** (e + 1) <= a:
        e += 1
    return e


def f64_exact(v):
    """float(v) if v is exactly a (finite) float64, else None."""
    try:
        x = float(v)  # int/int true division: correctly rounded
    except OverflowError:
        return None
    if math.isinf(x) or Fraction(x) != v:
        return None
    return x


def f32_exact(v):
    x = f64_exact(v)
    if x is None:
        return None
    with np.errstate(over="ignore"):
        y = np.float32(x)
    if not np.isfinite(y) or float(y) != x:
        return None
    return x


# ---------------------------------------------------------------------------
# Rounding results: (kind, sign, magnitude) with kind in num|inf|nan
# ---------------------------------------------------------------------------
def away_from_zero(mode, s):
    return mode == "nearest-even" or (mode == "up" and s > 0) or (mode == "down" and s < 0)


def ref_round(x, fmt, mode):
    """Pure-Python exact reference rounding, IEEE-like structure (no fn policy)."""
    p, emin, emax = fmt.p, fmt.emin, fmt.emax
    if x == 0:
        return ("num", 1, Fraction(0))
    s = 1 if x > 0 else -1
    a = abs(x)
    q = pow2(max(flog2(a), emin) - p + 1)
    n = a / q
    fl = n.numerator // n.denominator
    rem = n - fl
    if rem == 0:
        m = fl
    elif mode == "nearest-even":
        half = Fraction(1, 2)
        m = fl + 1 if rem > half else fl if rem < half else fl + (fl & 1)
    elif mode == "toward-zero":
        m = fl
    else:
        m = fl + 1 if away_from_zero(mode, s) else fl
    r = m * q
    if r >= pow2(emax + 1):
        if away_from_zero(mode, s):
            return ("inf", s, None)
        return ("num", s, fmt.max_ieee)
    return ("num", s, r)


def apply_fn_policy(res, fmt, mode):
    """e4m3fn: MPFR's IEEE-like format has 480 and inf; the real format has
    neither.  |result| > 448 -> NaN when rounding away from zero, else +-448."""
    if not fmt.fn:
        return res
    kind, s, mag = res
    if kind == "inf" or mag > fmt.max:
        if away_from_zero(mode, s):
            return ("nan", s, None)
        return ("num", s, fmt.max)
    return res


_CTX_CACHE = {}


def mpfr_ctx(fmt, rnd, extra_emax=0):
    key = (fmt.name, rnd, extra_emax)
    if key not in _CTX_CACHE:
        _CTX_CACHE[key] = gmpy2.context(
            precision=fmt.p, emin=fmt.emin - fmt.p + 2,
            emax=fmt.emax + 1 + extra_emax, subnormalize=True, round=rnd)
    return _CTX_CACHE[key]


def to_mpq(v):
    return gmpy2.mpq(v.numerator, v.denominator)


def mpfr_to_frac(r):
    assert gmpy2.is_finite(r)
    n, d = r.as_integer_ratio()
    return Fraction(int(n), int(d))


def mpfr_round(x, fmt, mode):
    with mpfr_ctx(fmt, MPFR_RND[mode]):
        r = gmpy2.mpfr(to_mpq(x))  # the one and only rounding
    assert r.precision == fmt.p
    assert not gmpy2.is_nan(r)
    s = -1 if gmpy2.is_signed(r) else 1
    if gmpy2.is_infinite(r):
        res = ("inf", s, None)
    else:
        res = ("num", s, abs(mpfr_to_frac(r)))
    return apply_fn_policy(res, fmt, mode)


def mpfr_ulp(x, fmt):
    a = abs(x)
    with mpfr_ctx(fmt, gmpy2.RoundToZero):
        r = gmpy2.mpfr(to_mpq(a))  # RZ(|x|); overflow -> max (MPFR RZ rule)
    assert gmpy2.is_finite(r)
    rf = mpfr_to_frac(r)
    tiny = pow2(fmt.emin - fmt.p - 20)
    with mpfr_ctx(fmt, gmpy2.RoundUp, extra_emax=4):
        succ = gmpy2.mpfr(to_mpq(rf + tiny))  # next format value above r
    ulp = mpfr_to_frac(succ) - rf
    e = flog2(a) if a else fmt.emin
    formula = pow2(max(min(e, fmt.emax), fmt.emin) - fmt.p + 1)
    assert ulp == formula, (x, fmt.name, ulp, formula)
    return ulp


def res_value_str(res):
    kind, s, mag = res
    if kind == "nan":
        return "nan"
    if kind == "inf":
        return "inf" if s > 0 else "-inf"
    return hexstr(s * mag, neg=(s < 0 and mag == 0))


def ternary(res, x):
    kind, s, mag = res
    if kind == "nan":
        return 1 if x > 0 else -1
    if kind == "inf":
        return s
    r = s * mag
    return (r > x) - (r < x)


def encode(res, fmt):
    """Independent bit encoder (sign | biased exponent | fraction)."""
    kind, s, mag = res
    sb = 1 if s < 0 else 0
    eall = (1 << fmt.ebits) - 1
    if kind == "nan":
        e, m = eall, ((1 << fmt.mbits) - 1) if fmt.fn else (1 << (fmt.mbits - 1))
    elif kind == "inf":
        assert not fmt.fn
        e, m = eall, 0
    elif mag == 0:
        e, m = 0, 0
    else:
        ex = flog2(mag)
        if ex < fmt.emin:
            e, mf = 0, mag / fmt.minsub
        else:
            e, mf = ex + fmt.bias, (mag / pow2(ex) - 1) * pow2(fmt.mbits)
        assert mf.denominator == 1
        m = int(mf)
        assert 0 <= m < (1 << fmt.mbits) and 0 <= e <= eall
    return (sb << (fmt.ebits + fmt.mbits)) | (e << fmt.mbits) | m


def res_float(res):
    kind, s, mag = res
    if kind == "inf":
        return math.inf * s
    if kind == "nan":
        return math.copysign(math.nan, s)
    return math.copysign(float(mag), s)


def lib_bits(res, fmt):
    """Encoding from numpy/ml_dtypes by casting the exactly representable result."""
    kind, s, mag = res
    if fmt.fn and kind == "nan":
        # what ml_dtypes produces for an overflowing nearest-even cast
        src = np.array([math.copysign(math.inf, s)], dtype=np.float32)
        return int(src.astype(fmt.dtype).view(fmt.uint)[0])
    v = np.array([res_float(res)], dtype=np.float32)
    if kind == "num":
        assert abs(Fraction(float(v[0]))) == mag and math.copysign(1, v[0]) == s
    if fmt.dtype is None:  # tf32
        b = int(v.view(np.uint32)[0])
        assert b & 0x1FFF == 0
        return b >> 13
    c = v.astype(fmt.dtype)
    back = c.astype(np.float64)[0]
    if kind == "num":
        assert abs(Fraction(float(back))) == mag and math.copysign(1, back) == s
    return int(c.view(fmt.uint)[0])


def tf32_rne_from_f32(x):
    b = int(np.array([x], dtype=np.float32).view(np.uint32)[0])
    lsb = (b >> 13) & 1
    return ((b + 0xFFF + lsb) & ~0x1FFF & 0xFFFFFFFF) >> 13


# ---------------------------------------------------------------------------
# Deterministic randomness (only getrandbits; stable across Python versions)
# ---------------------------------------------------------------------------
class Rng:
    def __init__(self, label):
        self.r = random.Random(zlib.crc32(label.encode()))

    def bits(self, n):
        return self.r.getrandbits(n) if n > 0 else 0

    def below(self, n):
        k = n.bit_length()
        while True:
            v = self.r.getrandbits(k)
            if v < n:
                return v

    def between(self, lo, hi):
        return lo + self.below(hi - lo + 1)

    def sign(self):
        return -1 if self.r.getrandbits(1) else 1


# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------
class Inputs:
    def __init__(self):
        self.items, self.seen = [], set()

    def add(self, v, s=None):
        if s is None:
            s = hexstr(v)
        assert parse_input(s) == v, (s, v)
        if s in self.seen:
            return
        self.seen.add(s)
        self.items.append((v, s))

    def add_pm(self, v, both=True, sign=1):
        if both:
            self.add(v)
            self.add(-v)
        else:
            self.add(sign * v)


NEAR_KINDS = ["f64", "f32", "x80"]


def around(v, kind):
    """(v - t, v + t) in magnitude; t = float64 ulp, float32 ulp, or 2^-80 relative."""
    assert v > 0
    if kind == "f64":
        x = f64_exact(v)
        assert x is not None
        return Fraction(math.nextafter(x, 0.0)), Fraction(math.nextafter(x, math.inf))
    if kind == "f32" and f32_exact(v) is None:
        kind = "f64"  # e.g. 2^128 for bf16/tf32: not a float32
    if kind == "f32":
        x = f32_exact(v)
        y = np.float32(x)
        lo = np.nextafter(y, np.float32(0))
        hi = np.nextafter(y, np.float32(np.inf))
        return Fraction(float(lo)), Fraction(float(hi))
    t = pow2(flog2(v) - 80)
    return v - t, v + t


def add_around(inp, v, kinds, sign=1, with_center=True):
    if with_center:
        inp.add(sign * v)
    for k in kinds:
        lo, hi = around(v, k)
        inp.add(sign * lo)
        inp.add(sign * hi)


FIXED_DECIMALS = [
    "0.1", "-0.1", "0.3", "-0.7", "1e-30", "-1e-30", "1e-45", "1e-40", "1e-5",
    "-1.5e-7", "1.5e-7", "6e-8", "3.14159265358979323846264338327950288",
    "123456789012345678901234567890", "-123456789012345678901234567890",
    "15962", "-15962", "65504", "65519.999", "65520", "-65520.0000001",
    "65536", "448", "-448", "456", "464", "-464", "465", "480", "-500",
    "57344", "61440", "-61439.9999", "1e38", "3.4e38", "-3.5e38",
    "1.7e-38", "1e-39", "9.9999e-41",
]


def build_inputs(fmt):
    rng = Rng("ropebounds-fixtures-" + fmt.name)
    p, emin, emax = fmt.p, fmt.emin, fmt.emax
    kmin, kmax = emin - p + 1, emax + 1
    inp = Inputs()
    inp.add(Fraction(0))

    # --- subnormals and the bottom of the range -----------------------------
    for j in range(1, 6):
        inp.add_pm(j * fmt.minsub)
    inp.add_pm(fmt.minsub / 4)
    inp.add_pm(fmt.minsub * 3 / 4)
    inp.add_pm(fmt.minsub / 2)  # tie between 0 and minsub -> 0 under RNE
    largest_sub = fmt.minnorm - fmt.minsub
    inp.add_pm(largest_sub)
    inp.add_pm(fmt.minnorm)
    inp.add_pm(fmt.minnorm + fmt.minsub)
    nsub = 1 << (p - 1)  # number of subnormal steps below minnorm
    sub_ties = list(range(nsub)) if nsub <= 8 else sorted(
        set([0, 1, 2, 3, nsub - 2, nsub - 1] + [rng.below(nsub) for _ in range(3)]))
    for i, j in enumerate(sub_ties):
        t = (j + Fraction(1, 2)) * fmt.minsub  # tie between j and j+1 units
        for sgn in (1, -1):
            add_around(inp, t, NEAR_KINDS, sign=sgn)
    inp.add_pm(fmt.minsub / 2 + pow2(kmin - 70))
    inp.add_pm(fmt.minsub / 2 - pow2(kmin - 70))

    # --- top of the range / overflow ------------------------------------------
    qtop = pow2(emax - p + 1)
    inp.add_pm(fmt.max)
    inp.add_pm(fmt.max - qtop)
    thr = fmt.max + qtop / 2  # IEEE: tie -> overflow; fn: 464 -> 448
    for sgn in (1, -1):
        add_around(inp, thr, NEAR_KINDS, sign=sgn)
    if fmt.fn:
        # 480 (a NaN encoding), tie 496 of the IEEE-like structure, and
        # values between 448 and 512
        for v in [fmt.max_ieee, fmt.max_ieee + qtop / 2]:
            for sgn in (1, -1):
                add_around(inp, v, NEAR_KINDS, sign=sgn)
        for v in [449, 456, 460, 463, 465, 470, 479, 481, 495, 497, 511, 512, 513]:
            inp.add_pm(Fraction(v))
    for d in (2, 5, 20):
        inp.add_pm(pow2(emax + d))
    inp.add_pm(pow2(emax + 1) + qtop)

    # --- binade edges ---------------------------------------------------------
    nk = kmax - kmin + 1
    for k in range(kmin, kmax + 1):
        v = pow2(k)
        inp.add(v)
        if k % 4 == 0:
            inp.add(-v)
        dense = nk <= 64 or k <= emin + 2 or abs(k) <= 3 or k >= emax - 3 or k % 5 == 0
        if dense:
            sgn = -1 if k % 2 else 1
            add_around(inp, v, [NEAR_KINDS[k % 3]], sign=sgn, with_center=False)

    # --- ties between adjacent normal values ----------------------------------
    if emax - emin + 1 <= 32:
        tie_binades = list(range(emin, emax + 1))
    else:
        tie_binades = [emin, emin + 1, -1, 0, 1, emax - 1, emax]
        tie_binades += [rng.between(emin + 2, emax - 2) for _ in range(8)]
        tie_binades = sorted(set(tie_binades))
    mlo, mhi = 1 << (p - 1), (1 << p) - 1
    cnt = 0
    for k in tie_binades:
        q = pow2(k - p + 1)
        m_even = mlo + 2 * rng.below((mhi - mlo + 1) // 2)
        m_odd = mlo + 1 + 2 * rng.below((mhi - mlo + 1) // 2)
        for m in sorted(set([mlo, m_even, m_odd, mhi])):
            t = (m + Fraction(1, 2)) * q
            sgn = rng.sign()
            add_around(inp, t, [NEAR_KINDS[cnt % 3]], sign=sgn)
            add_around(inp, t, [NEAR_KINDS[(cnt + 1) % 3]], sign=-sgn, with_center=False)
            cnt += 1

    # --- random values --------------------------------------------------------
    def rand_exp():
        return rng.between(kmin - 4, kmax + 2)

    for _ in range(150):  # random float64 (53 significant bits), log-uniform
        k = rand_exp()
        v = ((1 << 52) + rng.bits(52)) * pow2(k - 52)
        inp.add(rng.sign() * v)
    for _ in range(100):  # random float32-representable values
        k = rand_exp()
        v = ((1 << 52) + rng.bits(52)) * pow2(k - 52)
        with np.errstate(under="ignore", over="ignore"):
            y = float(np.float32(float(v)))
        if y != 0.0 and math.isfinite(y):
            inp.add(rng.sign() * Fraction(y))
    for _ in range(30):  # random exactly representable format values
        k = rng.between(kmin, emax)
        if k < emin:
            v = rng.between(1, nsub - 1) * fmt.minsub
        else:
            v = (mlo + rng.below(mlo)) * pow2(k - p + 1)
        if v <= fmt.max:
            inp.add(rng.sign() * v)

    # --- decimal strings ------------------------------------------------------
    for s in FIXED_DECIMALS:
        inp.add(Fraction(s), s)
    lo_d, hi_d = floor_log10(fmt.minsub) - 2, floor_log10(fmt.max_ieee) + 2
    for _ in range(30):  # 40-digit random decimals
        digits = str(rng.between(10 ** 39, 10 ** 40 - 1))
        e = rng.between(lo_d, hi_d)
        s = ("-" if rng.sign() < 0 else "") + digits[0] + "." + digits[1:] + f"e{e}"
        inp.add(Fraction(s), s)
    # decimal spellings of exact ties and of tie +- 10^-(35 digits)
    dec_ties = [
        (1 + Fraction(1, 2) * pow2(1 - p)),            # 1 + half ulp (lower even)
        (1 + Fraction(3, 2) * pow2(1 - p)),            # lower neighbour odd
        fmt.minsub / 2,                                  # tie to zero
        (nsub - Fraction(1, 2)) * fmt.minsub,          # largest sub / minnorm
        thr,                                            # overflow threshold
        (mlo + 1 + Fraction(1, 2)) * pow2(rng.between(emin, emax) - p + 1),
    ]
    for i, t in enumerate(dec_ties):
        sgn = -1 if i % 2 else 1
        eps = Fraction(10) ** (floor_log10(t) - 35)
        for v in (t, t - eps, t + eps):
            inp.add(sgn * v, dec_exact(sgn * v))
    return inp.items


# ---------------------------------------------------------------------------
# Rounding fixtures
# ---------------------------------------------------------------------------
STATS = {}


def header_line(extra):
    return (f"# Generated by {SCRIPT_REL} from independent implementations "
            f"(gmpy2 {gmpy2.version()} with {gmpy2.mpfr_version()} and {gmpy2.mp_version()}, "
            f"numpy {np.__version__}, ml_dtypes {ml_dtypes.__version__}, "
            f"Python {sys.version_info.major}.{sys.version_info.minor}); {extra}; "
            f"DO NOT EDIT: regenerate with: python3 {SCRIPT_REL}\n")


def cast_bits(x, src_dtype, fmt):
    a = np.array([x], dtype=src_dtype)
    with np.errstate(over="ignore", invalid="ignore"):
        return int(a.astype(fmt.dtype).view(fmt.uint)[0])


def gen_rounding(fmt):
    items = build_inputs(fmt)
    st = {"inputs": len(items), "rows": 0, "cmp64": 0, "cmp32": 0,
          "tf32trick": 0, "ml64_checked": 0, "ml64_double_rounding": [],
          "nan_rows": 0}
    out = io.StringIO()
    kind = "IEEE 754 (inf, NaN)" if not fmt.fn else "OCP e4m3fn (no inf; NaN on overflow)"
    out.write(header_line(
        f"format={fmt.name} p={fmt.p} emin={fmt.emin} emax={fmt.emax} {kind}; "
        f"columns: exact input, mode, rounded result (normalized hex float), "
        f"ternary=sign(result-input), encoding bits, ulp of the input"))
    out.write("input,mode,result_hex,ternary,bits,ulp_hex\n")
    width = fmt.hexw
    for x, xs in items:
        ulp = mpfr_ulp(x, fmt)
        x64 = f64_exact(x)
        x32 = f32_exact(x)
        for mode in MODES:
            res = mpfr_round(x, fmt, mode)
            ref = apply_fn_policy(ref_round(x, fmt, mode), fmt, mode)
            assert res == ref, (fmt.name, xs, mode, res, ref)
            bits = lib_bits(res, fmt)
            assert bits == encode(res, fmt), (fmt.name, xs, mode, hex(bits))
            if mode == "nearest-even":
                if fmt.dtype is np.float16 and x64 is not None:
                    got = cast_bits(x64, np.float64, fmt)
                    assert got == bits, ("numpy fp16 from float64", xs, hex(got), hex(bits))
                    st["cmp64"] += 1
                if fmt.dtype is not None and x32 is not None:
                    got = cast_bits(x32, np.float32, fmt)
                    assert got == bits, (fmt.name + " from float32", xs, hex(got), hex(bits))
                    st["cmp32"] += 1
                if fmt.dtype is None and x32 is not None:
                    got = tf32_rne_from_f32(x32)
                    assert got == bits, ("tf32 int trick", xs, hex(got), hex(bits))
                    st["tf32trick"] += 1
                if fmt.dtype is not None and fmt.dtype is not np.float16 and x64 is not None:
                    # document ml_dtypes' float64 path: RNE_fmt(RNE_fp32(x))
                    got = cast_bits(x64, np.float64, fmt)
                    r32 = ref_round(x, FP32, "nearest-even")
                    x2 = Fraction(0) if r32[0] != "num" else r32[1] * r32[2]
                    if r32[0] == "inf":
                        dr = apply_fn_policy(("inf", r32[1], None), fmt, mode)
                    else:
                        dr = apply_fn_policy(ref_round(x2, fmt, mode), fmt, mode)
                        if dr[0] == "num" and dr[2] == 0:
                            dr = ("num", r32[1], Fraction(0))
                    assert got == encode(dr, fmt), ("ml_dtypes float64 model", xs, hex(got))
                    st["ml64_checked"] += 1
                    if got != bits:
                        st["ml64_double_rounding"].append((xs, hex(got), hex(bits)))
            if res[0] == "nan":
                st["nan_rows"] += 1
            out.write(f"{xs},{mode},{res_value_str(res)},{ternary(res, x)},"
                      f"0x{bits:0{width}x},{hexstr(ulp)}\n")
            st["rows"] += 1
    STATS[fmt.name] = st
    text = out.getvalue()
    assert validate_rounding_csv(text, fmt) == st["rows"]
    return text


def parse_result(s):
    if s == "nan":
        return ("nan", 0, None)
    if s in ("inf", "-inf"):
        return ("inf", -1 if s[0] == "-" else 1, None)
    v = parse_hex(s)
    return ("num", -1 if s.startswith("-") else 1, abs(v))


def decode(bits, fmt):
    """Independent decoder of an encoding (used only to validate the CSV text)."""
    sgn = -1 if bits >> (fmt.ebits + fmt.mbits) else 1
    e = (bits >> fmt.mbits) & ((1 << fmt.ebits) - 1)
    m = bits & ((1 << fmt.mbits) - 1)
    eall = (1 << fmt.ebits) - 1
    if fmt.fn and e == eall and m == (1 << fmt.mbits) - 1:
        return ("nan", 0, None)
    if not fmt.fn and e == eall:
        return ("inf", sgn, None) if m == 0 else ("nan", 0, None)
    if e == 0:
        return ("num", sgn, m * fmt.minsub)
    return ("num", sgn, (1 + Fraction(m, 1 << fmt.mbits)) * pow2(e - fmt.bias))


def validate_rounding_csv(text, fmt):
    """Re-read the CSV text as a consumer would and check internal consistency."""
    lines = text.split("\n")
    assert lines[0].startswith("# ") and lines[1] == "input,mode,result_hex,ternary,bits,ulp_hex"
    assert lines[-1] == ""
    rows = [ln.split(",") for ln in lines[2:-1]]
    assert len(rows) % 4 == 0
    for i in range(0, len(rows), 4):
        group = rows[i:i + 4]
        assert [r[1] for r in group] == MODES
        assert len(set(r[0] for r in group)) == 1 and len(set(r[5] for r in group)) == 1
        x = parse_input(group[0][0])
        ulp = parse_hex(group[0][5])
        vals = {}
        for xs, mode, rh, tern, bits, uh in group:
            assert len(bits) == 2 + fmt.hexw and bits == bits.lower()
            res = parse_result(rh)
            dec = decode(int(bits, 16), fmt)
            if res[0] == "nan":
                assert dec[0] == "nan" and int(tern) == (1 if x > 0 else -1)
                assert int(bits, 16) >> (fmt.ebits + fmt.mbits) == (0 if x > 0 else 1)
                vals[mode] = None
                continue
            assert dec == res, (xs, mode, rh, bits)
            if res[0] == "num" and res[2] == 0:
                assert res[1] == (-1 if x < 0 else 1), (xs, mode)  # -0 for x < 0
            val = math.inf * res[1] if res[0] == "inf" else res[1] * res[2]
            assert int(tern) == (val > x) - (val < x), (xs, mode, tern)
            if res[0] == "num" and res[2] != 0:
                assert rh == hexstr(res[1] * res[2])  # canonical spelling
            vals[mode] = val
        d, u, z, n = vals["down"], vals["up"], vals["toward-zero"], vals["nearest-even"]
        assert z is not None
        if d is not None and u is not None:
            assert d <= x <= u and (d == u) == (d == x)
            if d != u and x != 0 and abs(d) <= fmt.max and abs(u) <= fmt.max:
                assert u - d <= ulp  # adjacent format values, at most ulp(x) apart
        if x > 0:
            assert z == d
        elif x < 0:
            assert z == u
        if n is not None:
            assert n in (d, u)
    return len(rows)


# ---------------------------------------------------------------------------
# Shortest round-trip decimal
# ---------------------------------------------------------------------------
def sig_digits(s):
    mant = s.split("e")[0].lstrip("-").replace(".", "")
    mant = mant.lstrip("0").rstrip("0")
    return mant or "0"


def exists_decimal(lo, hi, n, incl):
    """Is there D * 10^E with exactly n digits (10^(n-1) <= D < 10^n) in [lo,hi]
    (or (lo,hi) when not incl)?"""
    e_lo = floor_log10(lo) - n - 1
    e_hi = floor_log10(hi) - n + 2
    for E in range(e_lo, e_hi + 1):
        scale = Fraction(10) ** E
        a, b = lo / scale, hi / scale
        dmin = math.ceil(a)
        if not incl and dmin == a:
            dmin += 1
        dmax = math.floor(b)
        if not incl and dmax == b:
            dmax -= 1
        dmin = max(dmin, 10 ** (n - 1))
        dmax = min(dmax, 10 ** n - 1)
        if dmin <= dmax:
            return True
    return False


def check_shortest(s, v, neg, fmt):
    x = Fraction(s)
    r = ref_round(x, fmt, "nearest-even")
    if v == 0:
        assert x == 0 and sig_digits(s) == "0" and s.startswith("-") == neg, s
        return
    assert r == ("num", 1 if v > 0 else -1, abs(v)), (fmt.name, s, hexstr(v))
    a = abs(v)
    e = flog2(a)
    q = pow2(max(e, fmt.emin) - fmt.p + 1)
    gap_below = q / 2 if (a == pow2(e) and e > fmt.emin) else q
    lo, hi = a - gap_below / 2, a + q / 2
    incl = (a / q).numerator % 2 == 0  # ties-to-even: boundaries round to v
    k = len(sig_digits(s))
    if k > 1:
        assert not exists_decimal(lo, hi, k - 1, incl), ("not shortest", fmt.name, s)
    # closest: no other k-digit decimal inside the rounding interval is nearer
    # to v (at a power of two the interval is asymmetric, so the nearer
    # neighbour may lie outside it, e.g. 2^398 -> 6.455624695217272e+119 although
    # 2^398 = 6.4556246952172714...e119)
    last = Fraction(10) ** (floor_log10(abs(x)) - k + 1)
    ax = abs(x)
    for y in (ax - last, ax + last):
        inside = (lo <= y <= hi) if incl else (lo < y < hi)
        assert not (inside and abs(y - a) < abs(ax - a)), ("not closest", fmt.name, s, hexstr(v))
    if abs(ax - a) > last / 2:
        NOT_NEAREST.append((fmt.name, hexstr(v), s))


NOT_NEAREST = []


def gen_shortest():
    out = io.StringIO()
    out.write(header_line(
        "shortest = numpy.format_float_scientific(x, unique=True, trim='-') "
        "(shortest round-trip decimal, numpy Dragon4); value_hex = exact value, normalized hex float"))
    out.write("format,value_hex,shortest\n")
    counts = {}
    for fmt, nrand in ((ROUND_FORMATS[0], 250), (FP32, 250), (FP64, 250)):
        rng = Rng("ropebounds-shortest-" + fmt.name)
        width = 1 + fmt.ebits + fmt.mbits
        eall = (1 << fmt.ebits) - 1
        pats = []

        def enc(sgn, e, m):
            return (sgn << (width - 1)) | (e << fmt.mbits) | m

        mmax = (1 << fmt.mbits) - 1
        pats += [enc(0, 0, 0), enc(1, 0, 0)]                     # +-0
        pats += [enc(0, 0, 1), enc(0, 0, 2), enc(0, 0, 3), enc(1, 0, 1)]  # min subnormals
        pats += [enc(0, 0, mmax), enc(1, 0, mmax)]               # max subnormal
        pats += [enc(0, 1, 0), enc(1, 1, 0), enc(0, 1, 1)]       # min normal
        pats += [enc(0, eall - 1, mmax), enc(1, eall - 1, mmax),  # max finite
                 enc(0, eall - 1, mmax - 1)]
        for _ in range(20):  # random subnormals
            pats.append(enc(rng.bits(1), 0, 1 + rng.below(mmax)))
        # powers of two (subnormal ones included)
        kmin, kmax = fmt.emin - fmt.p + 1, fmt.emax
        step = 1 if kmax - kmin < 100 else (3 if kmax - kmin < 400 else 16)
        ks = sorted(set(list(range(kmin, kmax + 1, step)) + [kmin, kmin + 1, -1, 0, 1, kmax]))
        for k in ks:
            if k < fmt.emin:
                pats.append(enc(0, 0, 1 << (k - kmin)))
            else:
                pats.append(enc(0, k + fmt.bias, 0))
        # famous decimal inputs (values nearest to them)
        for d in ["0.1", "0.2", "0.3", "1e23", "2e-3", "8.41e21", "5e-324", "1e22",
                  "9007199254740993", "1.7976931348623157e308", "2.2250738585072011e-308",
                  "3.4028235e38", "1.17549435e-38", "7.038531e-26", "1e-45", "33554432",
                  "65504", "6e-8", "1e-5", "1e4", "3.14159265358979323846", "100", "1000"]:
            with np.errstate(over="ignore", under="ignore"):
                y = np.array([float(d)], dtype=np.float64).astype(fmt.dtype)[0]
            if np.isfinite(y):
                pats.append(int(np.array([y], dtype=fmt.dtype).view(fmt.uint)[0]))
        while len(pats) < 400:  # random finite bit patterns
            b = rng.bits(width)
            if (b >> fmt.mbits) & eall != eall:
                pats.append(b)
        seen, n = set(), 0
        for b in pats:
            if b in seen:
                continue
            seen.add(b)
            y = np.array([b], dtype=fmt.uint).view(fmt.dtype)[0]
            assert np.isfinite(y)
            v = Fraction(float(y))
            neg = bool(b >> (width - 1))
            s = np.format_float_scientific(y, unique=True, trim="-")
            check_shortest(s, v, neg, fmt)
            # same digits as numpy's str() (positional or scientific)
            assert Fraction(str(y)) == Fraction(s), (s, str(y))
            if fmt is FP64:
                assert Fraction(repr(float(y))) == Fraction(s), (s, repr(float(y)))
                assert sig_digits(repr(float(y))) == sig_digits(s), (s, repr(float(y)))
            vh = hexstr(v, neg=neg)
            assert parse_hex(vh) == v
            out.write(f"{fmt.name},{vh},{s}\n")
            n += 1
        counts[fmt.name] = n
    STATS["shortest"] = counts
    return out.getvalue()


# ---------------------------------------------------------------------------
# Sanity checks of the setup itself
# ---------------------------------------------------------------------------
def sanity():
    fp16, bf16, tf32, e4m3, e5m2 = ROUND_FORMATS
    # subnormalization really happens in the single mpfr() conversion
    assert mpfr_round(Fraction(3, 2 ** 26), fp16, "nearest-even") == ("num", 1, pow2(-24))
    assert mpfr_round(pow2(-24) + pow2(-30), fp16, "nearest-even") == ("num", 1, pow2(-24))
    assert mpfr_round(pow2(-24) + pow2(-30), fp16, "up") == ("num", 1, pow2(-23))
    assert mpfr_round(pow2(-25), fp16, "nearest-even") == ("num", 1, Fraction(0))
    assert mpfr_round(-pow2(-25), fp16, "nearest-even") == ("num", -1, Fraction(0))
    assert mpfr_round(3 * pow2(-25), fp16, "nearest-even") == ("num", 1, pow2(-23))
    # no double rounding: 1 + 2^-11 + 2^-40 -> 1 + 2^-10 in fp16
    assert mpfr_round(1 + pow2(-11) + pow2(-40), fp16, "nearest-even") == ("num", 1, 1 + pow2(-10))
    # numbers from the brief
    assert mpfr_round(Fraction(15962), bf16, "nearest-even") == ("num", 1, Fraction(15936))
    assert mpfr_round(Fraction(464), e4m3, "nearest-even") == ("num", 1, Fraction(448))
    assert mpfr_round(Fraction(465), e4m3, "nearest-even") == ("nan", 1, None)
    assert mpfr_round(Fraction(-465), e4m3, "up") == ("num", -1, Fraction(448))
    assert mpfr_round(Fraction(449), e4m3, "up") == ("nan", 1, None)
    assert mpfr_round(Fraction(10 ** 6), e4m3, "toward-zero") == ("num", 1, Fraction(448))
    assert mpfr_round(Fraction(61440), e5m2, "nearest-even") == ("inf", 1, None)
    assert mpfr_round(Fraction(61439), e5m2, "nearest-even") == ("num", 1, Fraction(57344))
    assert e4m3.max == 448 and e5m2.max == 57344 and fp16.max == 65504
    assert tf32.minsub == pow2(-136)
    assert hexstr(pow2(-24)) == "0x1p-24" and hexstr(Fraction(15936)) == "0x1.f2p+13"
    assert hexstr(Fraction(-1024)) == "-0x1p+10" and hexstr(Fraction(3, 16)) == "0x1.8p-3"


def e4m3_probe():
    """What ml_dtypes does on e4m3fn overflow (printed in the summary)."""
    lines = []
    for v in [448.0, 463.0, 464.0, 464.0 + 2 ** -15, 464.0 + 2 ** -30, 465.0, 479.0,
              480.0, 496.0, 1e6, math.inf, -464.0, -465.0, -math.inf]:
        r = []
        for src in (np.float32, np.float64):
            with np.errstate(over="ignore"):
                c = np.array([v], dtype=src).astype(ml_dtypes.float8_e4m3fn)
            r.append(f"{src.__name__}->{float(c[0])!r} (0x{int(c.view(np.uint8)[0]):02x})")
        exact32 = "" if (math.isinf(v) or float(np.float32(v)) == v) else " (not a float32)"
        lines.append(f"  {v!r:>22}{exact32}: " + ", ".join(r))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", help="output directory (default: the repository's fixtures dir)")
    ap.add_argument("--check", action="store_true",
                    help="do not write; fail if the files on disk differ")
    args = ap.parse_args()
    here = Path(__file__).resolve().parent
    out_dir = Path(args.out) if args.out else here.parent / "resources" / "fixtures" / "formats"

    sanity()
    files = {}
    for fmt in ROUND_FORMATS:
        files[f"rounding-{fmt.name}.csv"] = gen_rounding(fmt)
    files["shortest-decimal.csv"] = gen_shortest()

    bad = write_or_check(out_dir, files, args.check)

    for name, st in STATS.items():
        if name == "shortest":
            print(f"shortest-decimal: rows per format {st}")
            continue
        dr = st["ml64_double_rounding"]
        print(f"{name}: {st['inputs']} inputs, {st['rows']} rows, nan rows {st['nan_rows']}; "
              f"RNE checked vs numpy-from-float64 {st['cmp64']}, vs lib-from-float32 {st['cmp32']}, "
              f"vs tf32 int trick {st['tf32trick']}; ml_dtypes float64 casts modelled "
              f"{st['ml64_checked']}, differing from correct rounding {len(dr)}")
        for ex in dr[:6]:
            print(f"    ml_dtypes(float64 {ex[0]}) = {ex[1]}, correctly rounded = {ex[2]}")
    for ex in NOT_NEAREST:
        print(f"shortest {ex[0]} {ex[1]} -> {ex[2]}: last digit is not the nearest one "
              f"(the nearer decimal does not round-trip)")
    print("ml_dtypes float8_e4m3fn casts:\n" + e4m3_probe())
    for name in files:
        print(f"{name}: {len(files[name].encode())} bytes")
    if bad:
        print("MISMATCH with files on disk: " + ", ".join(bad), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
