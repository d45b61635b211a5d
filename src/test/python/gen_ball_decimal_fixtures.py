"""Balls near decimal boundaries and their n-digit decisions, decided in exact rationals (Python's fractions).

Each line: hi lo r n direction expected, where the ball is hi + lo +/- r (doubles as hex), its enclosure
[m - r', m + r'] with m = hi + lo exactly and r' = r, or 2^-1074 when r = 0 (the ball is never exact here),
and expected is what CertifiedDecimal.decide(Enclosure, n, direction) decides: both ends rounded to n
significant digits (up: toward +infinity, down: toward -infinity, nearest: ties to even) and equal, printed
as unscaled:scale of the lower end's rounding the way BigDecimal division with a MathContext of n digits
gives it (an exact quotient keeps only its own digits), or '-' when the ends round differently.
Run: python3 src/test/python/gen_ball_decimal_fixtures.py > src/test/resources/fixtures/real/ball_decimals.txt
(standard library only; see requirements-ball-decimals.txt).
"""
import math
import random
from fractions import Fraction

TINY = Fraction(2) ** -1074


def decade(x):
    """floor(log10 x) for a rational x > 0, exactly."""
    e = math.floor(math.log10(float(x))) if 1e-300 < float(x) < 1e300 else 0
    while Fraction(10) ** e > x:
        e -= 1
    while Fraction(10) ** (e + 1) <= x:
        e += 1
    return e


def rounded(x, n, direction):
    """(unscaled, scale) of x rounded to n significant digits, as BigDecimal division with MathContext(n) gives it."""
    if x == 0:
        return (0, 0)
    e = decade(abs(x))
    j = n - 1 - e
    y = x * Fraction(10) ** j
    if direction == "UPWARD":
        k = math.ceil(y)
    elif direction == "DOWNWARD":
        k = math.floor(y)
    else:
        f = math.floor(y)
        d = y - f
        k = f + 1 if d > Fraction(1, 2) or (d == Fraction(1, 2) and f % 2 == 1) else f
    if abs(k) == 10 ** n:
        k //= 10
        j -= 1
    if Fraction(k) == y:
        # exact: the shortest form of k 10^-j, at scale no less than the preferred scale 0 (numerator/denominator integers)
        while j > 0 and k % 10 == 0:
            k //= 10
            j -= 1
    return (k, j)


def value(us):
    return Fraction(us[0]) * Fraction(10) ** (-us[1])


def decide(hi, lo, r, n, direction):
    m = Fraction(hi) + Fraction(lo)
    rr = Fraction(r) if r > 0 else TINY
    a = rounded(m - rr, n, direction)
    b = rounded(m + rr, n, direction)
    return a if value(a) == value(b) else None


def main():
    rnd = random.Random(20261201)
    directions = ["UPWARD", "DOWNWARD", "NEAREST"]
    lines = []
    for i in range(6000):
        n = rnd.choice([15, 15, 30, 30, rnd.randint(1, 30)])
        direction = rnd.choice(directions)
        e = rnd.choice([rnd.randint(-3, 12), rnd.randint(-3, 12), rnd.randint(-250, 250)])
        kind = rnd.random()
        if kind < 0.15:
            t = Fraction(10) ** e  # a power of ten
        else:
            k = rnd.randint(10 ** (n - 1), 10 ** n - 1)
            t = Fraction(k) * Fraction(10) ** (e - n + 1)
            if kind < 0.45:
                t += Fraction(10) ** (e - n + 1) / 2  # a rounding midpoint
            elif kind > 0.9:
                t += Fraction(10) ** (e - n + 1) * Fraction(rnd.random())  # anywhere
        if rnd.random() < 0.3:
            t = -t
        hi = float(t)
        hi = hi + rnd.randint(-2, 2) * math.ulp(hi) if rnd.random() < 0.3 else hi
        lo = float(t - Fraction(hi))
        if rnd.random() < 0.4:
            lo += rnd.randint(-3, 3) * math.ulp(lo) if lo != 0 else rnd.randint(-3, 3) * math.ulp(hi) * 2.0 ** -60
        scale = abs(hi) * 10.0 ** (-n)
        r = rnd.choice([0.0, abs(hi) * 2.0 ** -104 * rnd.random(), scale * 10.0 ** -rnd.randint(1, 4) * rnd.random(),
                        scale * rnd.random() * 3, abs(lo) * rnd.random()])
        lines.append((hi, lo, r, n, direction))
    # lower ends exactly on short dyadic decimals (1.5, 0.25, 1234.5, ...): m = D + d, r = d
    for i in range(300):
        n = rnd.randint(2, 30)
        D = Fraction(rnd.randint(1, 10 ** 6), 2 ** rnd.randint(0, 4)) * 10 ** rnd.randint(-2, 6)
        d = 2.0 ** -rnd.randint(20, 80) * float(D)
        lines.append((float(D), d, d, n, rnd.choice(directions)))
    print("# hi lo r n direction expected(unscaled:scale or -); gen_ball_decimal_fixtures.py, exact rationals")
    for hi, lo, r, n, direction in lines:
        d = decide(hi, lo, r, n, direction)
        print(hi.hex(), lo.hex(), r.hex(), n, direction, "-" if d is None else "%d:%d" % d)


if __name__ == "__main__":
    main()
