#!/usr/bin/env python3
"""Golden fixtures for ropebounds' ball level (BallArithmetic): src/test/resources/fixtures/real/balls.csv, and
ball_kernel_points.csv (the table-reduced kernels at exact points, see kernel_points()).

    /tmp/venv-erasure/bin/python src/test/python/gen_ball_fixtures.py          # (re)write
    /tmp/venv-erasure/bin/python src/test/python/gen_ball_fixtures.py --check  # compare only

(mpmath and python-flint importable, versions pinned in requirements.txt.) Deterministic: a fixed seed, only
randrange(), no floats.

Each row is an operation (add, sub, mul, div, pow, sqrt, exp, expm1, log, cos, sin, acos, asin, atan, pi), its
argument intervals [a_lo, a_hi] (and [b_lo, b_hi] for the binary ones) of binary rationals (C99 hex texts, exact;
widths from 0, a point, through 2^-400 to 1/2 of the argument, and arguments near the domain's boundaries), one
point (ta, tb) of the arguments' box (its corners and its centre), and a 640-bit python-flint (arb) ball of the
operation at that point, written as its exact lower and upper ends (hex); +, - and * of binary rationals are exact
and written as the point itself. Every ball is checked to contain mpmath's value at 720 bits. The ball level at 128
and 384 bits, evaluated on balls covering the argument intervals, must return an enclosure containing every such
ball: the operations are monotone in each argument on these boxes, or 1-Lipschitz and periodic (cos, sin, over
boxes the corners and centre do not bound, so those rows use narrow intervals or points only), so the corners test
the propagated radius where it matters, and the points (width 0) test the midpoint's rounding.
"""
import random
from fractions import Fraction
from pathlib import Path

import mpmath
import flint
from flint import arb, ctx
from fixture_files import hex_text, run  # noqa: E402
from gen_interval_fixtures import binary  # noqa: E402  (the same exact roundings)

PREC = 640
MP_PREC = 720
INTERVALS = 16  # per operation, plus the near-boundary ones

UNARY = {
    "sqrt": (Fraction(1, 1 << 40), Fraction(1 << 40)),
    "exp": (Fraction(-40), Fraction(40)),
    "expm1": (Fraction(-3), Fraction(3)),
    "log": (Fraction(1, 1 << 40), Fraction(1 << 40)),
    "cos": (Fraction(-30), Fraction(30)),
    "sin": (Fraction(-30), Fraction(30)),
    "acos": (Fraction(-127, 128), Fraction(127, 128)),
    "asin": (Fraction(-127, 128), Fraction(127, 128)),
    "atan": (Fraction(-1000), Fraction(1000)),
}
BINARY = ["add", "sub", "mul", "div", "pow"]
WIDTHS = [None, 1, 2, 8, 30, 60, 100, 150, 200, 300, 400]  # relative width 2^-k; None: a point; 1: width 1/2


def magnitude(rnd, low_exp, high_exp):
    """A binary rational of 60 bits with a log-uniform magnitude in [2^low_exp, 2^high_exp)."""
    return binary(Fraction(2) ** rnd.randrange(low_exp, high_exp) * Fraction(rnd.randrange(1 << 30, 1 << 31), 1 << 30), 60)


def widen(rnd, x, k, low=None, high=None):
    """[x, x + w] with w about |x| 2^-k (k None: the point x), kept inside [low, high] by moving down."""
    if k is None:
        return x, x
    w = Fraction(1, 2) if k == 1 else (abs(x) if x != 0 else Fraction(1)) * Fraction(1, 1 << k)
    w = binary(w, 50)
    lo, hi = x, x + w
    if high is not None and hi > high:
        lo, hi = high - w, high
    if low is not None and lo < low:
        return None
    return lo, hi


def unary_intervals(rnd, f):
    low, high = UNARY[f]
    out = []
    while len(out) < INTERVALS:
        if f in ("log", "sqrt"):
            x = magnitude(rnd, -40, 40)
        else:
            x = binary(low + (high - low) * Fraction(rnd.randrange(1, 1 << 62), 1 << 62), rnd.randrange(20, 200))
        k = rnd.choice(WIDTHS if f not in ("cos", "sin") else [None, 60, 100, 150, 200, 300, 400])
        iv = widen(rnd, x, k, low, high)
        if iv is not None and (f not in ("log", "sqrt") or iv[0] > 0):
            out.append(iv)
    # near the boundaries: log and sqrt of tiny positive numbers, acos and asin near +-1 (beyond the slope bound's
    # reach, 1 - t^2 < 2^-60, and inside it), exp of large magnitudes, cos and sin near multiples of pi/2
    tiny = Fraction(1, 1 << 200)
    if f in ("log", "sqrt"):
        out += [(tiny, tiny * (1 + Fraction(1, 1 << 30))), (Fraction(1), Fraction(1) + Fraction(1, 1 << 100)),
                (Fraction(1) - Fraction(1, 1 << 70), Fraction(1))]
    if f in ("acos", "asin"):
        for k in (20, 40, 70):
            edge = 1 - Fraction(1, 1 << k)
            out += [(edge - Fraction(1, 1 << (k + 30)), edge), (-edge, -edge + Fraction(1, 1 << (k + 30))), (edge, edge)]
    if f == "exp":
        out += [(Fraction(700), Fraction(700) + Fraction(1, 1 << 60)), (Fraction(-700) - Fraction(1, 1 << 60), Fraction(-700))]
    if f in ("cos", "sin"):
        mpmath.mp.prec = MP_PREC
        for j in (1, 2, 3, 40):
            near = binary(exact_of(mpmath.mpf(j) * mpmath.pi / 2), 120)
            out += [(near, near), (near, near + Fraction(1, 1 << 150))]
    if f == "expm1":
        out += [(Fraction(1, 1 << 80), Fraction(1, 1 << 80) * (1 + Fraction(1, 1 << 40))),
                (-Fraction(1, 1 << 60), -Fraction(1, 1 << 60))]
    return out


def binary_intervals(rnd, op):
    out = []
    while len(out) < INTERVALS:
        if op == "pow":
            x = magnitude(rnd, -20, 20)
            y = binary(Fraction(rnd.randrange(-10 << 40, 10 << 40), 1 << 40), rnd.randrange(20, 60))
            a = widen(rnd, x, rnd.choice(WIDTHS))
            b = widen(rnd, y, rnd.choice([None, 8, 30, 60, 100, 150, 200, 300]))
            if a[0] <= 0:
                continue
        else:
            x = rnd.choice([-1, 1]) * magnitude(rnd, -40, 40)
            y = rnd.choice([-1, 1]) * magnitude(rnd, -40, 40)
            a = widen(rnd, x, rnd.choice(WIDTHS))
            b = widen(rnd, y, rnd.choice(WIDTHS))
            if op == "div" and b[0] <= 0 <= b[1]:
                continue
        out.append((a, b))
    if op == "div":  # divisors near zero, and a dividend interval around zero
        out += [((Fraction(3), Fraction(3)), (Fraction(1, 1 << 60), Fraction(1, 1 << 60) * (1 + Fraction(1, 1 << 4)))),
                ((Fraction(-1, 8), Fraction(1, 8)), (Fraction(-7, 3 << 40), Fraction(-7, 3 << 40) + Fraction(1, 1 << 100)))]
        out[-1] = (out[-1][0], (binary(out[-1][1][0], 60), binary(out[-1][1][0], 60) + Fraction(1, 1 << 100)))
    if op in ("add", "sub"):  # far apart magnitudes, and cancellation
        out += [((Fraction(1 << 40), Fraction(1 << 40)), (Fraction(1, 1 << 300), Fraction(1, 1 << 299))),
                ((Fraction(5, 4), Fraction(5, 4) + Fraction(1, 1 << 200)), (Fraction(-5, 4), Fraction(-5, 4)))]
    if op == "mul":  # a factor around zero
        out += [((Fraction(-1, 4), Fraction(1, 2)), (Fraction(-3), Fraction(-2)))]
    if op == "pow":  # near 1 to a large power, and a tiny base
        out += [((Fraction(1) + Fraction(1, 1 << 50), Fraction(1) + Fraction(1, 1 << 50)), (Fraction(1 << 40), Fraction(1 << 40))),
                ((Fraction(1, 1 << 100), Fraction(1, 1 << 100) * (1 + Fraction(1, 1 << 60))), (Fraction(-3, 2), Fraction(-3, 2)))]
    return out


def arb_of(q):
    return arb(q.numerator) / arb(q.denominator) if q.denominator != 1 else arb(q.numerator)


def mpf_of(q):
    return mpmath.mpf(q.numerator) / q.denominator


def exact_of(m):
    sign, man, exp, _ = m._mpf_
    return (-1 if sign else 1) * Fraction(int(man)) * Fraction(2) ** int(exp)


def ends(ball):
    lo_m, lo_e = ball.lower().man_exp()
    hi_m, hi_e = ball.upper().man_exp()
    return Fraction(int(lo_m)) * Fraction(2) ** int(lo_e), Fraction(int(hi_m)) * Fraction(2) ** int(hi_e)


def evaluate(op, ta, tb):
    if op in ("add", "sub", "mul"):
        v = {"add": ta + tb, "sub": ta - tb, "mul": ta * tb}[op]
        return v, v
    ctx.prec = PREC
    mpmath.mp.prec = MP_PREC
    if op == "pi":
        ball, ref = arb.pi(), mpmath.pi
    elif op in ("div", "pow"):
        x, y = arb_of(ta), arb_of(tb)
        ball = x / y if op == "div" else x ** y
        ref = mpf_of(ta) / mpf_of(tb) if op == "div" else mpmath.power(mpf_of(ta), mpf_of(tb))
    else:
        x = arb_of(ta)
        ball = {"exp": x.exp, "expm1": x.expm1, "log": x.log, "sqrt": x.sqrt, "asin": x.asin, "acos": x.acos,
                "atan": x.atan, "cos": x.cos, "sin": x.sin}[op]()
        ref = {"exp": mpmath.exp, "expm1": mpmath.expm1, "log": mpmath.log, "sqrt": mpmath.sqrt, "asin": mpmath.asin,
               "acos": mpmath.acos, "atan": mpmath.atan, "cos": mpmath.cos, "sin": mpmath.sin}[op](mpf_of(ta))
    lo, hi = ends(ball)
    r = exact_of(mpmath.mpf(ref))
    assert lo <= r <= hi, (op, ta, tb, lo, r, hi)
    assert hi - lo <= (abs(r) + 1) * Fraction(1, 1 << 600), (op, ta, tb)  # a tight ball
    return lo, hi


def corners(a, b):
    (alo, ahi), (blo, bhi) = a, b
    mid = lambda iv: (iv[0] + iv[1]) / 2  # noqa: E731
    pts = [(alo, blo), (alo, bhi), (ahi, blo), (ahi, bhi), (mid(a), mid(b))]
    return list(dict.fromkeys(pts))


def build():
    rnd = random.Random(20261217)
    lines = ["# Generated by src/test/python/gen_ball_fixtures.py (mpmath %s, python-flint %s): each operation at the "
             "corners and centre of its arguments' box as a %d-bit arb ball (exact hex ends) containing mpmath's %d-bit "
             "value; regenerate: /tmp/venv-erasure/bin/python src/test/python/gen_ball_fixtures.py"
             % (mpmath.__version__, flint.__version__, PREC, MP_PREC),
             "op,a_lo,a_hi,b_lo,b_hi,ta,tb,value_lo,value_hi"]
    for op in BINARY:
        for a, b in binary_intervals(rnd, op):
            for ta, tb in corners(a, b):
                vlo, vhi = evaluate(op, ta, tb)
                lines.append(",".join([op, hex_text(a[0]), hex_text(a[1]), hex_text(b[0]), hex_text(b[1]), hex_text(ta),
                                       hex_text(tb), hex_text(vlo), hex_text(vhi)]))
    for f in UNARY:
        for a in unary_intervals(rnd, f):
            for t in list(dict.fromkeys([a[0], (a[0] + a[1]) / 2, a[1]])):
                vlo, vhi = evaluate(f, t, None)
                lines.append(",".join([f, hex_text(a[0]), hex_text(a[1]), "", "", hex_text(t), "", hex_text(vlo), hex_text(vhi)]))
    vlo, vhi = evaluate("pi", None, None)
    lines.append(",".join(["pi", "", "", "", "", "", "", hex_text(vlo), hex_text(vhi)]))
    return "\n".join(lines) + "\n"


def kernel_points():
    """Exact binary points for the table-reduced kernels (TableKernels): random ones over each fast path's range at
    60 to 420 bits, and the edges of its reductions: table boundaries j/256 and j/256 + k/65536 (and one unit either
    side), multiples of ln 2 (exp), powers of two and 3/2 times them (log), x^2 = 1/2 (asin, acos), values near 1
    (log, with cancellation) and tiny arguments."""
    rnd = random.Random(20261201)
    mpmath.mp.prec = MP_PREC
    ulp = [Fraction(1, 1 << k) for k in (60, 130, 200, 400)]
    pts = {f: [] for f in ("atan", "asin", "acos", "exp", "log")}

    def rand(low, high):
        return binary(low + (high - low) * Fraction(rnd.randrange(1, 1 << 62), 1 << 62), rnd.choice([60, 130, 200, 300, 420]))

    for _ in range(60):
        pts["atan"].append(rand(Fraction(-1), Fraction(1)))
        pts["atan"].append(rand(Fraction(-300), Fraction(300)))
        pts["asin"].append(rand(Fraction(-7071, 10000), Fraction(7071, 10000)))
        pts["acos"].append(rand(Fraction(-7071, 10000), Fraction(7071, 10000)))
        pts["exp"].append(rand(Fraction(-30), Fraction(30)))
        pts["exp"].append(rand(Fraction(-5), Fraction(0)))
        pts["log"].append(binary(Fraction(2) ** rnd.randrange(-40, 40) * rand(Fraction(1), Fraction(2)), rnd.choice([60, 200, 420])))
    for j in (1, 2, 63, 64, 127, 128, 200, 255, 256):
        for k in (0, 1, 128, 255):
            c = Fraction(j, 256) + Fraction(k, 65536)
            for d in ulp[:2]:
                pts["atan"] += [c, c - d, c + d] if c + d <= 1 else [c, c - d]
    for j in range(0, 178, 11):
        for k in (0, 1, 255):
            c = Fraction(j, 256) + Fraction(k, 65536)
            pts["exp"] += [c, c + ulp[1]] + ([c - ulp[1]] if c > 0 else [])
    for q in (-40, -3, -2, -1, 1, 2, 7, 40):
        near = binary(exact_of(mpmath.mpf(q) * mpmath.log(2)), 200)
        pts["exp"] += [near, near + ulp[2], near - ulp[2]]
    for k in (20, 60, 100, 150):
        pts["exp"] += [Fraction(1, 1 << k), -Fraction(1, 1 << k)]
    for q in (-30, -1, 0, 1, 30):
        for m in (Fraction(1), Fraction(3, 2), Fraction(3, 4), Fraction(193, 128), Fraction(257, 256), Fraction(255, 256)):
            for d in (0, ulp[0], -ulp[0]):
                v = (m + d) * Fraction(2) ** q
                if v > 0 and v != 1:
                    pts["log"].append(v)
    for k in (10, 30, 60, 100, 200):
        pts["log"] += [1 + Fraction(1, 1 << k), 1 - Fraction(1, 1 << k), 1 + Fraction(3, 1 << k)]
    half = binary(exact_of(mpmath.sqrt(mpmath.mpf(1) / 2)), 400)
    for f in ("asin", "acos"):
        pts[f] += [half, -half, half - ulp[2], Fraction(1, 1 << 30), -Fraction(1, 1 << 100), Fraction(1, 2), Fraction(3, 4)]
    # asin and acos take atan at t = x / sqrt(1 - x^2) with t's first table index j = floor(256 t) found from the
    # quotient's top bits: x whose t falls on a table boundary c = j/256 + k/65536 (x = c / sqrt(1 + c^2)), rounded
    # to 60, 130 and 300 bits (within reach of each precision's fixed point), and one unit either side
    for j in (1, 64, 128, 255, 256):
        for k in (0, 1, 255):
            c = mpmath.mpf(j) / 256 + mpmath.mpf(k) / 65536
            if j == 256 and k > 0:
                continue  # t > 1: x^2 > 1/2, Kernels' path
            for p, d in ((60, ulp[0]), (130, ulp[1]), (300, Fraction(1, 1 << 300))):
                near = binary(exact_of(c / mpmath.sqrt(1 + c * c)), p)
                for f in ("asin", "acos"):
                    pts[f] += [near, near - d] + ([near + d] if j < 256 else [])
    lines = ["# Generated by src/test/python/gen_ball_fixtures.py (mpmath %s, python-flint %s): atan, asin, acos, exp and "
             "log at exact binary points (random, and the edges of TableKernels' reductions) as %d-bit arb balls (exact "
             "hex ends) containing mpmath's %d-bit value" % (mpmath.__version__, flint.__version__, PREC, MP_PREC),
             "op,t,value_lo,value_hi"]
    for f, xs in pts.items():
        for t in dict.fromkeys(xs):
            vlo, vhi = evaluate(f, t, None)
            lines.append(",".join([f, hex_text(t), hex_text(vlo), hex_text(vhi)]))
    return "\n".join(lines) + "\n"


def main():
    run(Path("src/test/resources/fixtures/real"), lambda: {"balls.csv": build(), "ball_kernel_points.csv": kernel_points()})


if __name__ == "__main__":
    main()
