#!/usr/bin/env python3
"""Golden-fixture generator for ropebounds' real functions and RoPE base bounds.

Writes CSV fixtures to src/test/resources/fixtures/real/ (relative to the
repository root).  The Java tests only READ these files; they need no Python.

    python3 -m venv /tmp/rvenv
    /tmp/rvenv/bin/pip install -r src/test/python/requirements.txt
    /tmp/rvenv/bin/python src/test/python/gen_real_fixtures.py          # (re)write
    /tmp/rvenv/bin/python src/test/python/gen_real_fixtures.py --check  # compare only

(i.e. `python3 src/test/python/gen_real_fixtures.py` with mpmath and
python-flint importable.)  The output is deterministic: fixed seeds, only
randrange() from Python's Mersenne Twister, no set/hash iteration
order, no floats anywhere; running the script twice with the pinned library
versions gives byte-identical files.

Independent implementations
---------------------------
Every printed value is computed twice:
  * mpmath (binary floating point, working precision P + 160 bits, at least
    416 bits), and
  * python-flint's arb (FLINT ball arithmetic, working precision P bits),
both starting from the EXACT rational value of the input text (num/den of two
integers, divided inside each library; never through a Python float).
For each value the script asserts, with exact rational arithmetic on the
ball's endpoints mid - rad and mid + rad (read exactly via man_exp()):
  1. the arb ball contains the mpmath value;
  2. the ball decides the printed digits: rounding its lower and its upper
     endpoint to the printed number of significant digits (round-half-even)
     gives the same string; otherwise P is doubled (256, 512, ...) and both
     computations are redone;
  3. rounding the mpmath value gives the same string (implied by 1 and 2).
Since the true value lies in the ball, the printed string is the correctly
rounded (round-half-even) value of the exact real.  An exact ball (radius 0,
e.g. sqrt(0x1p-174) = 2^-87, which has exactly 61 significant digits and is
therefore a rounding tie at 60) is rounded directly, so ties are resolved
to even exactly.  For pow with an integer y (|y| <= 2000) the exact rational
x^y is also computed with fractions.Fraction; it must lie in the ball and
round to the same string.  A decimal input with 61 significant digits ending
in 5 (pow(x, 1) rows) is a tie that no ball decides, because arb(num)/arb(den)
is not exact for den = 10^k: those two rows are printed from the exact
rational once it is inside a 1024-bit ball (reported on stdout).
Exact zero is printed as `0` and requires an exact zero ball and an mpmath zero.

CSV conventions
---------------
  * One header comment line starting with '#', then the column-name line.
    Lines end with '\n'; ASCII only; no quoting (no field contains a comma).
  * Input texts are exact rationals, in one of three forms:
      - decimal (Java BigDecimal / Rational.parse syntax): 0.9, 1048576,
        -1e-30, 1.25e300, 0.999999999999999999999999999999;
      - C99 hex float, normalized: 0x1.8p-3, -0x1p+10, 0x1.ffffffffffffffep-1 (= 1 - 2^-60);
      - a fraction a/b of two decimal integers, b > 0, in lowest terms:
        1/12, 32/31, 355/113, -7/3 (used for pow's y and a few sin/cos x).
  * Output values: correctly rounded (round-half-even on the exact real) to
    60 (functions.csv) or 40 (bounds.csv, table-cells.csv) significant digits, written
    [-]d.ddd...e(+|-)N with exactly that many digits (one before the point),
    the exponent with an explicit sign and no leading zeros (3.14...e+0,
    1.0...e-300).  Exact zero is written `0`.
"""

import argparse
import random
import re
import sys
from fractions import Fraction
from pathlib import Path

import mpmath
import flint
from flint import arb, ctx
from fixture_files import write_or_check  # noqa: E402

SCRIPT = "src/test/python/gen_real_fixtures.py"
REGEN = "python3 src/test/python/gen_real_fixtures.py"
FN_DIGITS = 60
BOUND_DIGITS = 40
P_START = 256
P_MAX = 1 << 15
MP_EXTRA = 160
P_EXACT = 1024
ROWS_PER_FUNCTION = {"pow": 180}   # others: 150 (pow has ~125 fixed hard cases)

STATS = {}          # name -> {precision: count}
SURPRISES = []      # (description, precision)


# ----------------------------------------------------------------------------
# Exact input texts
# ----------------------------------------------------------------------------

DEC_RE = re.compile(r"([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?")
HEX_RE = re.compile(r"([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?")
FRAC_RE = re.compile(r"(-?\d+)/(\d+)")


def parse_input(s):
    """The exact rational value of an input text (decimal, hex float or a/b)."""
    m = FRAC_RE.fullmatch(s)
    if m:
        den = int(m.group(2))
        assert den > 0
        q = Fraction(int(m.group(1)), den)
        assert f"{q.numerator}/{q.denominator}" == s, f"fraction {s} not in lowest terms"
        return q
    m = HEX_RE.fullmatch(s)
    if m:
        whole, frac = m.group(2), m.group(3) or ""
        assert whole or frac
        e = int(m.group(4) or 0) - 4 * len(frac)
        v = int(whole + frac, 16)
        q = Fraction(v) * (Fraction(2) ** e)
        return -q if m.group(1) == "-" else q
    m = DEC_RE.fullmatch(s)
    if m and (m.group(2) or m.group(3)):
        frac = m.group(3) or ""
        e = int(m.group(4) or 0) - len(frac)
        v = int((m.group(2) or "") + frac or "0")
        q = Fraction(v) * (Fraction(10) ** e)
        return -q if m.group(1) == "-" else q
    raise ValueError(f"not a number: {s!r}")


def _split25(den):
    a = b = 0
    while den % 2 == 0:
        den //= 2
        a += 1
    while den % 5 == 0:
        den //= 5
        b += 1
    return den, a, b


def dec_text(q, style="pos"):
    """Exact decimal text of a terminating rational: positional or scientific."""
    rest, a, b = _split25(q.denominator)
    assert rest == 1, f"{q} is not a terminating decimal"
    sign = "-" if q < 0 else ""
    if q == 0:
        return "0"
    k = max(a, b)
    n = abs(q.numerator) * (10 ** k // q.denominator)
    while k > 0 and n % 10 == 0:
        n //= 10
        k -= 1
    if style == "pos":
        if k <= 0:
            return sign + str(n) + "0" * (-k)
        s = str(n).rjust(k + 1, "0")
        return sign + s[:-k] + "." + s[-k:]
    z = 0
    while n % 10 == 0:
        n //= 10
        z += 1
    k -= z
    d = str(n)
    e = len(d) - 1 - k
    mant = d[0] + ("." + d[1:] if len(d) > 1 else "")
    return f"{sign}{mant}e{e}"


def hex_text(q):
    """Normalized C99 hex float of a dyadic rational: 0x1.8p-3, -0x1p+10, 0x0p+0."""
    if q == 0:
        return "0x0p+0"
    den = q.denominator
    assert den & (den - 1) == 0, f"{q} is not dyadic"
    sign = "-" if q < 0 else ""
    m = abs(q.numerator)
    e = -(den.bit_length() - 1)
    while m % 2 == 0:
        m //= 2
        e += 1
    bl = m.bit_length()
    top = e + bl - 1
    fbits = bl - 1
    es = f"p{'+' if top >= 0 else '-'}{abs(top)}"
    if fbits == 0:
        return f"{sign}0x1{es}"
    pad = (-fbits) % 4
    f = (m - (1 << fbits)) << pad
    ndig = (fbits + pad) // 4
    return f"{sign}0x1.{f:0{ndig}x}{es}"


def frac_text(q):
    return f"{q.numerator}/{q.denominator}"


def fixed_text(q):
    """Text for an exact rational: integer or terminating decimal positional,
    otherwise a/b."""
    rest, _, _ = _split25(q.denominator)
    return dec_text(q, "pos") if rest == 1 else frac_text(q)


# ----------------------------------------------------------------------------
# Correct rounding of exact rationals
# ----------------------------------------------------------------------------

def round_sig(q, n):
    """q correctly rounded (half-even) to n significant digits, d.ddd...e+N."""
    if q == 0:
        return "0"
    sign = "-" if q < 0 else ""
    a = abs(q)
    e = (a.numerator.bit_length() - a.denominator.bit_length()) * 30103 // 100000
    while a >= Fraction(10) ** (e + 1):
        e += 1
    while a < Fraction(10) ** e:
        e -= 1
    s = a * Fraction(10) ** (n - 1 - e)
    qi, r = divmod(s.numerator, s.denominator)
    if 2 * r > s.denominator or (2 * r == s.denominator and qi % 2 == 1):
        qi += 1
    if qi == 10 ** n:
        qi = 10 ** (n - 1)
        e += 1
    d = str(qi)
    assert len(d) == n
    body = d[0] + ("." + d[1:] if n > 1 else "")
    return f"{sign}{body}e{'+' if e >= 0 else '-'}{abs(e)}"


def exact_of_mpf(v):
    assert mpmath.isfinite(v), v
    sign, man, exp, _ = v._mpf_          # (mpf.man_exp drops the sign)
    if man == 0:
        return Fraction(0)
    return Fraction(-man if sign else man) * Fraction(2) ** exp


def exact_of_arf(a):
    man, exp = a.man_exp()
    man, exp = int(man), int(exp)
    return Fraction(man) * Fraction(2) ** exp


def ball_bounds(b):
    assert b.is_finite(), b
    mid = exact_of_arf(b.mid())
    rad = exact_of_arf(b.rad())
    return mid - rad, mid + rad, rad == 0


def decide(ball, mpv, n):
    """The decided string, or None if the ball is too wide.  Asserts containment."""
    lo, hi, exact = ball_bounds(ball)
    v = exact_of_mpf(mpv)
    assert lo <= v <= hi, f"mpmath value {mpmath.nstr(mpv, 30)} outside arb ball {ball.str(30, radius=True)}"
    if exact and lo == 0:
        assert v == 0
        return "0"
    if lo <= 0 <= hi:
        return None
    s_lo, s_hi = round_sig(lo, n), round_sig(hi, n)
    if s_lo != s_hi:
        return None
    assert round_sig(v, n) == s_lo
    return s_lo


def certified(what, compute, n, exact=None):
    """compute(P) -> list of (arb ball, mpmath value).  Returns the list of
    decided strings, the precision used and how they were decided, raising the precision until every
    one is decided.

    exact: optional list of the exact rational values (known only when the
    result is rational, e.g. x^k for an integer k).  Their correct rounding
    must equal the decided strings; when the true value is an exact tie that
    the ball cannot decide (a decimal input with 61 significant digits, the
    last a 5, which arb(num)/arb(den) does not hold exactly), the exact value
    is used once it lies in a ball of P_EXACT bits."""
    p = P_START
    while True:
        mpp = max(400, p + MP_EXTRA)
        with mpmath.workprec(mpp):
            old = ctx.prec
            ctx.prec = p
            try:
                pairs = compute(p)
            finally:
                ctx.prec = old
            out = [decide(b, m, n) for b, m in pairs]
        if exact is not None:
            for b, x in zip((b for b, _ in pairs), exact):
                lo, hi, _ = ball_bounds(b)
                assert lo <= x <= hi, f"{what}: exact value outside arb ball"
            if all(s is not None for s in out):
                assert out == [round_sig(x, n) for x in exact], what
            elif p >= P_EXACT:
                return [round_sig(x, n) for x in exact], p, "exact rational (tie; no ball decides it)"
        if all(s is not None for s in out):
            return out, p, "ball"
        p *= 2
        if p > P_MAX:
            raise AssertionError(f"{what}: not decided at {P_MAX} bits (exact tie or zero?)")


# ----------------------------------------------------------------------------
# functions.csv
# ----------------------------------------------------------------------------

def mp_of(q):
    return mpmath.mpf(q.numerator) / mpmath.mpf(q.denominator)


def arb_of(q):
    return arb(q.numerator) / arb(q.denominator)


def mp_fn(name, x, y):
    if name == "pi":
        return +mpmath.pi
    X = mp_of(x)
    if name == "pow":
        return mpmath.power(X, mp_of(y))
    return {"exp": mpmath.exp, "log": mpmath.log, "sqrt": mpmath.sqrt,
            "acos": mpmath.acos, "atan": mpmath.atan, "cos": mpmath.cos,
            "sin": mpmath.sin}[name](X)


def arb_fn(name, x, y):
    if name == "pi":
        return arb.pi()
    X = arb_of(x)
    if name == "pow":
        return X ** arb_of(y)
    return getattr(X, name)()


def check_domain(name, x, y):
    if name == "log":
        assert x > 0
    elif name == "sqrt":
        assert x >= 0
    elif name == "acos":
        assert -1 <= x <= 1
    elif name == "pow":
        assert x > 0


def rand_decimal(rng, emin, emax, signed, style=None):
    """Random decimal with 1..40 significant digits, leading-digit exponent in [emin, emax]."""
    k = rng.randrange(1, 41)
    m = rng.randrange(10 ** (k - 1), 10 ** k)
    e = rng.randrange(emin, emax + 1)
    q = Fraction(m) * Fraction(10) ** (e - k + 1)
    if signed and rng.randrange(2):
        q = -q
    if style is None:
        style = "pos" if (-8 <= e <= 25 and rng.randrange(2)) else "sci"
    return dec_text(q, style)


def rand_hex(rng, emin, emax, signed, maxbits=64):
    b = rng.randrange(1, maxbits + 1)
    m = rng.randrange(1 << (b - 1), 1 << b)
    e = rng.randrange(emin, emax + 1)
    q = Fraction(m) * Fraction(2) ** (e - b + 1)
    if signed and rng.randrange(2):
        q = -q
    return hex_text(q)


def near_one(rng, below, hexa=False):
    """1 -+ m*10^-j (decimal) or 1 -+ m*2^-k (hex), m of 1..6 digits/bits-ish."""
    if hexa:
        k = rng.randrange(2, 120)
        m = rng.randrange(1, min(1 << rng.randrange(1, 24), 1 << (k - 1)) + 1)
        d = Fraction(m, 1 << k)
    else:
        j = rng.randrange(1, 41)
        m = rng.randrange(1, min(10 ** rng.randrange(1, 7), 10 ** j // 2) + 1)
        d = Fraction(m, 10 ** j)
    assert 0 < d <= Fraction(1, 2)
    q = 1 - d if below else 1 + d
    return hex_text(q) if hexa else dec_text(q, "pos")


P355 = dec_text(Fraction(round_sig(Fraction(355, 113), 40)[:-3]), "pos")  # 355/113 to 40 digits
assert P355 == "3.141592920353982300884955752212389380531", P355

HARD = {
    "exp": ["0", "1e-30", "-1e-30", "700", "-700", "50.5", "1", "-1", "0.5", "2",
            "709.78", "-745.1", "1e-300", "-1e-300", "0x1p-1074", "0x1.62e42fefa39efp+9",
            "10", "-10", "100", "0.693147180559945309417232121458176568",
            "-0.999999999999999999999999999999", "0x1p-60", "-0x1p-60", "1e-5", "230"],
    "log": ["1", "1.0000000000000000000000001", "0.9999999999999999999999999", "2", "0.5",
            "1e-300", "1e300", "10", "0.1", "0.01", "0.9", "0.99", "0.999", "0.5",
            "2.718281828459045235360287471352662497757", "0x1p-1074", "0x1.fffffffffffffp+1023",
            "0x1.0000000000001p+0", "0x1.fffffffffffffp-1", "1048576", "16777216",
            "1.00000000000000000001", "0.99999999999999999999", "3", "1e-30", "1e30"],
    "sqrt": ["0", "1", "2", "3", "4", "0.25", "0.01", "2.25", "1e-300", "1e300", "1e-301",
             "1e301", "0x1p-1074", "0x1p-1073", "0x1.fffffffffffffp+1023", "0x1p-174",
             "0x1p-172", "0x1.2p-169", "0.5", "10", "1e-30", "1048576", "131072",
             "1.0000000000000000000000000000000000000001", "0.9999999999999999999999999999999999999999",
             "16777216", "0x1.8p+1"],
    "acos": ["1", "0.999999999999999999999999999999", "0x1.ffffffffffffffep-1", "0.99999", "0",
             "-0.5", "-0.99999999999999999999", "-1", "0.5", "-0.999999999999999999999999999999",
             "0.9", "0.99", "0.999", "0.01", "0x1.fffffffffffffp-1", "-0x1.fffffffffffffp-1",
             "0x1p-1074", "-0x1p-1074", "0.7071067811865475244008443621048490392848",
             "0.8660254037844386467637231707529361834714", "1e-30", "-1e-30", "0.25", "-0.9",
             "0.9999999999999999999999999999999999999999", "0x1.fffffep-1", "0x1.fep-1",
             "0x1.ffcp-1"],
    "atan": ["0", "1", "-1", "1e10", "-1e-20", "1e40", "-1e40", "1e-40", "0.5", "2", "1e300",
             "-1e-300", "0x1p+100", "0x1p-100", "1.7320508075688772935274463415058723669428",
             "0.4142135623730950488016887242096980785697", "10", "1e15", "3", "-3", "1e20",
             "-0.999999999999999999999999999999", "1.000000000000000000000000000001"],
    "cos": ["0", "1e6", "16777216", "123456789", "1e15", "4611686018427387904", "1e22",
            "-1e22", P355, "355/113", "103993/33102", "104348/33215", "833719/265381",
            "1.5707963267948966", "3.141592653589793", "6.283185307179586",
            "4.71238898038469", "0x1.921fb54442d18p+0", "0x1.921fb54442d18p+1",
            "0x1.921fb54442d18p+2", "1", "-1", "0.5", "1e-30", "0x1p-60", "100", "1e10",
            "1048576", "2048", "131072", "0x1p+62", "0x1.fffffffffffffp+52", "710.5",
            "1.5707963267948966192313216916397514420986", "-3.1415926535897932384626433832795028841972",
            "0x1.6ac5b262ca1ffp+849"],
}
HARD["sin"] = list(HARD["cos"])


def pow_hard():
    rows = []
    epss = ["0.5", "0.9", "0.99", "0.01", "0.999"]
    for e in epss:
        for n in [1, 2, 12, 32, 61, 80, 126, 3, 7, 1000]:
            rows.append((e, fixed_text(Fraction(1, n))))
    xs = ["1e6", "2", "10", "0.5", "166886.0537", "1048576", "0x1p+23", "3.3",
          "159154.9430918953357688837633725143620344596"]
    for d in [4, 8, 64, 128, 256]:
        y = fixed_text(Fraction(d, d - 2))
        for x in xs:
            rows.append((x, y))
    rows += [("2", frac_text(Fraction(23 * 64, 63))), ("8388608", "64/63"),
             ("2", "0.5"), ("2", "-0.5"), ("1", "12345.678"), ("0.5", "87"), ("0x1p-1", "86"),
             ("5", "86"), ("5", "85"), ("2.5", "3"), ("10", "-300"), ("1e-300", "1/2"),
             ("0.01", "1/2"), ("0.25", "0.5"), ("0.9", "0"), ("7", "1"), ("3", "-1"),
             ("1.0000000000000000000000000000000000000001", "1e40"),
             ("0.999", "1e6"), ("0.999999999999", "1000000000000"),
             ("1e6", "1.0000000000000000000000000000000000000001"), ("0x1.8p-3", "-7/3"),
             ("355/113", "113/355"), ("2", "1024"), ("10", "22"), ("131072", "0.5"),
             # exact ties at 60 digits (61 significant digits, the last a 5), to even:
             ("0x1.8p-85", "1"),                                         # 3*2^-86, up
             ("2.718281828459045235360287471352662497757247093699959574966975", "1"),  # up
             ("2.718281828459045235360287471352662497757247093699959574966965", "1"),  # down
             ("0x1p-1", "2"), ("1.5", "-2")]
    return rows


def random_inputs(name, rng):
    """One random (x, y) input for a function (y None except for pow)."""
    hexa = rng.randrange(2) == 1
    if name == "exp":
        x = rand_hex(rng, -130, 9, True) if hexa else rand_decimal(rng, -40, 2, True)
        if abs(parse_input(x)) > 1000:
            return None
        return x, None
    if name == "log":
        r = rng.randrange(5)
        if r == 0:
            return near_one(rng, rng.randrange(2) == 0, hexa), None
        return (rand_hex(rng, -1000, 1000, False) if hexa else rand_decimal(rng, -300, 300, False)), None
    if name == "sqrt":
        return (rand_hex(rng, -1000, 1000, False) if hexa else rand_decimal(rng, -300, 300, False)), None
    if name == "acos":
        r = rng.randrange(4)
        if r == 0:
            x = near_one(rng, True, hexa)
            if rng.randrange(2):
                x = "-" + x
            return x, None
        x = rand_hex(rng, -130, -1, True) if hexa else rand_decimal(rng, -40, -1, True)
        return x, None
    if name == "atan":
        return (rand_hex(rng, -130, 130, True) if hexa else rand_decimal(rng, -40, 40, True)), None
    if name in ("cos", "sin"):
        wide = rng.randrange(2)
        if hexa:
            x = rand_hex(rng, -130, 73, True) if wide else rand_hex(rng, -4, 4, True)
        else:
            x = rand_decimal(rng, -40, 22, True) if wide else rand_decimal(rng, -1, 1, True)
        return x, None
    if name == "pow":
        x = rand_hex(rng, -33, 33, False) if hexa else rand_decimal(rng, -10, 10, False)
        r = rng.randrange(4)
        if r == 0:
            y = frac_text(Fraction(rng.randrange(-300, 301), rng.randrange(1, 300)))
        elif r == 1:
            y = str(rng.randrange(-60, 61))
        elif r == 2:
            y = rand_hex(rng, -20, 6, True, 40)
        else:
            y = rand_decimal(rng, -6, 1, True)
        qx, qy = parse_input(x), parse_input(y)
        # keep |y * log2(x)| < 4000 (results within ~1e+-1200)
        lx = abs(qx.numerator.bit_length() - qx.denominator.bit_length()) + 1
        if abs(qy) * lx > 4000:
            return None
        return x, y
    raise AssertionError(name)


FUNCTION_ORDER = ["exp", "log", "sqrt", "acos", "atan", "cos", "sin", "pow", "pi"]


def gen_functions():
    rows = []
    for fi, name in enumerate(FUNCTION_ORDER):
        if name == "pi":
            inputs = [("", None)]
        else:
            hard = pow_hard() if name == "pow" else [(x, None) for x in HARD[name]]
            rng = random.Random(20260211 + 1000 * fi)
            inputs, seen = [], set()
            for inp in hard:
                if inp not in seen:
                    seen.add(inp)
                    inputs.append(inp)
            while len(inputs) < ROWS_PER_FUNCTION.get(name, 150):
                inp = random_inputs(name, rng)
                if inp is None or inp in seen:
                    continue
                seen.add(inp)
                inputs.append(inp)
        stats = STATS.setdefault(f"functions.csv {name}", {})
        for xs, ys in inputs:
            x = parse_input(xs) if xs else None
            y = parse_input(ys) if ys is not None else None
            if name != "pi":
                # round trip of the renderers / parser on the texts
                if FRAC_RE.fullmatch(xs) is None and xs.lower().startswith(("0x", "-0x")):
                    assert hex_text(x) == xs, (xs, hex_text(x))
                check_domain(name, x, y)

            def compute(p, name=name, x=x, y=y):
                return [(arb_fn(name, x, y), mp_fn(name, x, y))]

            ex = None
            if name == "pow" and y.denominator == 1 and abs(y) <= 2000:
                ex = [x ** int(y)]
            (val,), p, how = certified(f"{name}({xs},{ys})", compute, FN_DIGITS, ex)
            stats[p] = stats.get(p, 0) + 1
            if p > P_START:
                SURPRISES.append((f"{name}(x={xs}{', y=' + ys if ys is not None else ''}), "
                                  f"decided by {how}", p))
            rows.append(f"{name},{xs},{ys if ys is not None else ''},{val}")
    return rows


# ----------------------------------------------------------------------------
# bounds.csv
# ----------------------------------------------------------------------------

CONTEXTS = [1, 2048, 4096, 32768, 131072, 1000000, 1048576, 10000000, 16777216]
LAYERS = [1, 12, 32, 61, 80, 126]
TOLERANCES = ["0.5", "0.9", "0.99", "0.01", "0.999"]
HEAD_DIMS = [4, 64, 128, 256]
FORMAT_P = [("fp32", 24), ("bf16", 8), ("fp16", 11)]
BOUND_COLUMNS = ["aliasing_approx", "dc_approx", "depth_approx", "aliasing_exact", "dc_exact",
                 "depth_exact"] + [f"lmax_{f}" for f, _ in FORMAT_P]


def bound_values_arb(L, eps, N, d):
    Lb = arb(L)
    e = arb_of(eps)
    root = e.root(N)                       # arb_root_ui
    al = Lb / (2 * arb.pi())
    dc = Lb / e.acos()
    ar = root.acos()
    dp = Lb / ar
    ex = arb(d) / arb(d - 2)
    vals = [al, dc, dp, al ** ex, dc ** ex, dp ** ex]
    vals += [ar * arb(2 ** (p - 1)) for _, p in FORMAT_P]
    return vals


def bound_values_mp(L, eps, N, d):
    Lm = mpmath.mpf(L)
    e = mp_of(eps)
    root = mpmath.exp(mpmath.log(e) / N)   # a different route from arb's root
    al = Lm / (2 * mpmath.pi)
    dc = Lm / mpmath.acos(e)
    ar = mpmath.acos(root)
    dp = Lm / ar
    ex = mpmath.mpf(d) / (d - 2)
    vals = [al, dc, dp, mpmath.power(al, ex), mpmath.power(dc, ex), mpmath.power(dp, ex)]
    vals += [mpmath.ldexp(ar, p - 1) for _, p in FORMAT_P]
    return vals


def gen_bounds():
    rows = []
    stats = STATS.setdefault("bounds.csv", {})
    for L in CONTEXTS:
        for N in LAYERS:
            for eps_s in TOLERANCES:
                eps = parse_input(eps_s)
                for d in HEAD_DIMS:
                    def compute(p, L=L, eps=eps, N=N, d=d):
                        return list(zip(bound_values_arb(L, eps, N, d), bound_values_mp(L, eps, N, d)))
                    vals, p, _ = certified(f"bounds L={L} N={N} eps={eps_s} d={d}", compute, BOUND_DIGITS)
                    stats[p] = stats.get(p, 0) + 1
                    rows.append(",".join([str(L), str(N), eps_s, str(d)] + vals))
    return rows


# ----------------------------------------------------------------------------
# table-cells.csv: the default grid of `ropebounds tables` (GridSpec.defaults)
# ----------------------------------------------------------------------------

TABLE_CONTEXTS = sorted([2 ** k for k in range(11, 25)] + [1000000, 10000000])
TABLE_LAYERS = [1, 12, 24, 32, 40, 48, 61, 80, 96, 126]
TABLE_TOLERANCES = ["0.5", "0.9", "0.99"]
TABLE_HEAD_DIM = 128
TABLE_COLUMNS = ["min_base_approx", "min_base_exact", "acos_root"]


def table_cell_values_arb(L, eps, N, d):
    ar = arb_of(eps).root(N).acos()
    dp = arb(L) / ar
    return [dp, dp ** (arb(d) / arb(d - 2)), ar]


def table_cell_values_mp(L, eps, N, d):
    ar = mpmath.acos(mpmath.exp(mpmath.log(mp_of(eps)) / N))   # a different route from arb's root
    dp = mpmath.mpf(L) / ar
    return [dp, mpmath.power(dp, mpmath.mpf(d) / (d - 2)), ar]


def gen_table_cells():
    """Per (L, N, eps) of the tables' default grid at d = 128: the binding lower bound on the base,
    L / acos(eps^(1/N)), with both spectra, and acos(eps^(1/N)) itself (max L of a format of precision p
    is the largest integer below acos(eps^(1/N)) 2^(p-1))."""
    rows = []
    stats = STATS.setdefault("table-cells.csv", {})
    d = TABLE_HEAD_DIM
    for L in TABLE_CONTEXTS:
        for N in TABLE_LAYERS:
            for eps_s in TABLE_TOLERANCES:
                eps = parse_input(eps_s)

                def compute(p, L=L, eps=eps, N=N):
                    return list(zip(table_cell_values_arb(L, eps, N, d), table_cell_values_mp(L, eps, N, d)))
                vals, p, _ = certified(f"table cell L={L} N={N} eps={eps_s}", compute, BOUND_DIGITS)
                stats[p] = stats.get(p, 0) + 1
                rows.append(",".join([str(L), str(N), eps_s, str(d)] + vals))
    return rows


def issue_check():
    """The project's issue: L=1048576, N=80, eps=0.01 gives depth_approx =
    3120193.2516330140107 to 20 significant digits."""
    expected = round_sig(parse_input("3120193.2516330140107"), 20)

    def compute(p):
        v = bound_values_arb(1048576, Fraction(1, 100), 80, 64)[2]
        m = bound_values_mp(1048576, Fraction(1, 100), 80, 64)[2]
        return [(v, m)]

    (got,), _, _ = certified("issue check", compute, 20)
    (got40,), _, _ = certified("issue check 40", compute, 40)
    assert got == expected, (
        f"depth_approx(L=1048576, N=80, eps=0.01) = {got} (40 digits: {got40}), "
        f"issue states {expected}")
    return got, got40


# ----------------------------------------------------------------------------

def sanity():
    # renderers and parser
    for s in ["0.9", "1048576", "-1e-30", "0x1.8p-3", "-0x1p+10", "1/12", "-7/3", "1e300"]:
        parse_input(s)
    assert parse_input("0x1.8p-3") == Fraction(3, 16)
    assert parse_input("0.9") == Fraction(9, 10)
    assert parse_input("-1e-30") == Fraction(-1, 10 ** 30)
    assert hex_text(Fraction(3, 16)) == "0x1.8p-3"
    assert hex_text(Fraction(-1024)) == "-0x1p+10"
    assert hex_text(1 - Fraction(1, 2 ** 60)) == "0x1.ffffffffffffffep-1"
    assert dec_text(Fraction(1) - Fraction(1, 10 ** 30)) == "0.999999999999999999999999999999"
    assert dec_text(Fraction(-1, 10 ** 30), "sci") == "-1e-30"
    assert dec_text(Fraction(1048576)) == "1048576"
    # rounding: half-even on exact ties, carries, signs, format
    assert round_sig(Fraction(1), 3) == "1.00e+0"
    assert round_sig(Fraction(9995, 10), 3) == "1.00e+3"
    assert round_sig(Fraction(1245, 1000), 3) == "1.24e+0"
    assert round_sig(Fraction(1255, 1000), 3) == "1.26e+0"
    assert round_sig(Fraction(-1235, 10 ** 7), 3) == "-1.24e-4"
    assert round_sig(Fraction(1, 3), 5) == "3.3333e-1"
    assert round_sig(Fraction(2, 3) * 10 ** 300, 2) == "6.7e+299"
    assert round_sig(Fraction(0), 60) == "0"
    # 2^-87 = 5^87 / 10^87 has exactly 61 significant digits, the last one 5:
    # an exact tie at 60 digits, resolved to even
    d = str(5 ** 87)
    assert len(d) == 61 and d[-1] == "5"
    q60 = int(d[:60])
    q60 += q60 % 2
    assert round_sig(Fraction(1, 2 ** 87), 60) == f"{str(q60)[0]}.{str(q60)[1:]}e-27"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", help="output directory (default: the repository's fixtures dir)")
    ap.add_argument("--check", action="store_true",
                    help="do not write; fail if the files on disk differ")
    args = ap.parse_args()
    here = Path(__file__).resolve().parent
    out_dir = Path(args.out) if args.out else here.parent / "resources" / "fixtures" / "real"

    sanity()
    issue = issue_check()
    py = f"{sys.version_info.major}.{sys.version_info.minor}"
    libs = (f"mpmath {mpmath.__version__}, python-flint "
            f"{flint.__version__} with FLINT {flint.__FLINT_VERSION__}, Python {py}")
    files = {}
    header = (f"# Generated by {SCRIPT} from two independent implementations ({libs}); "
              f"values correctly rounded (half-even) to {{digits}} significant digits, "
              f"certified by arb balls; regenerate: {REGEN}\n")
    files["functions.csv"] = (header.format(digits=FN_DIGITS) + "function,x,y,value\n"
                              + "".join(r + "\n" for r in gen_functions()))
    files["bounds.csv"] = (header.format(digits=BOUND_DIGITS)
                           + "context,layers,tolerance,head_dim," + ",".join(BOUND_COLUMNS) + "\n"
                           + "".join(r + "\n" for r in gen_bounds()))
    files["table-cells.csv"] = (header.format(digits=BOUND_DIGITS)
                                + "context,layers,tolerance,head_dim," + ",".join(TABLE_COLUMNS) + "\n"
                                + "".join(r + "\n" for r in gen_table_cells()))

    bad = write_or_check(out_dir, files, args.check)

    print(f"mpmath backend: {mpmath.libmp.BACKEND}")
    print(f"issue check: depth_approx(L=1048576, N=80, eps=0.01) = {issue[0]} (20 digits), "
          f"{issue[1]} (40 digits)")
    for name, st in STATS.items():
        print(f"{name}: arb precision used {dict(sorted(st.items()))}")
    for what, p in SURPRISES:
        print(f"  needed {p} bits: {what}")
    for name, text in files.items():
        print(f"{name}: {text.count(chr(10)) - 2} rows, {len(text.encode())} bytes")
    if bad:
        print("DIFFERS from the files on disk: " + ", ".join(bad))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
