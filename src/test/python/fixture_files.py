"""Writing fixture files, or checking that the committed ones equal a fresh run (--check)."""
from pathlib import Path


def write_or_check(out_dir: Path, files: dict, check: bool) -> list:
    """Writes each name -> ASCII text (or bytes, written as they are) into out_dir, or with check compares instead.

    Returns the names whose file is missing or differs (always empty when writing).
    """
    bad = []
    if not check:
        out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = out_dir / name
        data = text if isinstance(text, bytes) else text.encode("ascii")
        if check:
            if not path.exists() or path.read_bytes() != data:
                bad.append(name)
        else:
            path.write_bytes(data)
    return bad


def run(out_dir: Path, build) -> None:
    """A generator's main: parses --check, then writes build()'s files (name -> text) into out_dir or compares them.

    With --check, prints the names that differ and exits 1 when any does.
    """
    import argparse
    import sys

    p = argparse.ArgumentParser()
    p.add_argument("--check", action="store_true")
    args = p.parse_args()
    bad = write_or_check(out_dir, build(), args.check)
    if bad:
        print("differs: " + ", ".join(bad))
        sys.exit(1)


def hex_text(q) -> str:
    """The exact C99 hex text of a binary rational (a Fraction whose denominator is a power of two), unnormalised:
    the odd or even integer numerator in hex and the denominator's exponent, 0x0p+0 for zero."""
    assert q.denominator & (q.denominator - 1) == 0, q
    sign = "-" if q < 0 else ""
    n = abs(q.numerator)
    e = -(q.denominator.bit_length() - 1)
    if n == 0:
        return "0x0p+0"
    return f"{sign}0x{n:x}p{e:+d}"


def arf_fraction(x):
    """The exact value of a python-flint arf (an arb's midpoint or end) as a Fraction."""
    from fractions import Fraction

    m, e = x.man_exp()
    return Fraction(int(m)) * Fraction(2) ** int(e)
