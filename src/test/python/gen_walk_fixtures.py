#!/usr/bin/env python3
"""Fixtures for crosscheck's rotation walk (RotationWalk, proofs/crosscheck-rotation.md): long C-order fp32 cos and
sin arrays whose exact values MPFR (gmpy2) computes entry by entry, independently of any recurrence.

Writes src/test/resources/fixtures/crosscheck/walk/ (relative to the repository root), with the venv and
requirements of gen_crosscheck_fixtures.py (src/test/python/requirements.txt):

    /tmp/fxvenv/bin/python src/test/python/gen_walk_fixtures.py          # (re)write
    /tmp/fxvenv/bin/python src/test/python/gen_walk_fixtures.py --check  # compare only

Arrays
------
* sin_fp32_planted.npy: b = 500000, d = 128 (64 columns, one per mode), positions 2^20 + 100 .. 2^20 + 1123
  (1024 rows: four walk blocks of 256 positions, a block starting at an arbitrary position). Every entry is
  sin(p theta_i) correctly rounded to fp32 by MPFR, then seven entries are moved by planted ulps (on the bits):
  at the first and last row of a block, the first of the next, and in the middle; modes 0, 1, 31 and 63.
* cos_fp32_planted_w48.npy: b = 10000, d = 96 (48 columns: 65536-entry chunks end mid-row), positions
  0 .. 1499, cos correctly rounded to fp32, five planted entries (one in the row split between two chunks).

expected.json lists, for each array, the arguments and what a correct check against the exact values must
report: entries, exact matches, 1-ulp count, max and sum of the distances, and every (index, ulps) that differs.
Exact values are computed at 400 and 600 bits and must round the same (no value lies near a rounding boundary).
"""
import json
import sys
from pathlib import Path

import gmpy2
import numpy as np

from fixture_files import write_or_check
from gen_crosscheck_fixtures import dist, exact, npy, summary, theta

OUT = Path(__file__).resolve().parents[2] / "test" / "resources" / "fixtures" / "crosscheck" / "walk"


def planted_array(fn, b, d, first, rows, plants):
    """fn(p theta_i) correctly rounded to fp32 for rows positions from first, all modes; plants: (row, mode, ulps)."""
    modes = d // 2
    th = [None] * modes
    with gmpy2.context(precision=700):
        for i in range(modes):
            th[i] = theta(b, d, i)
    values = np.array([[exact("fp32", lambda p=p, i=i: fn(p * th[i])) for i in range(modes)]
                       for p in range(first, first + rows)], dtype=np.float32)
    want = [float(v) for v in values.reshape(-1)]
    bits = values.view(np.uint32)
    for row, mode, ulps in plants:
        v = int(bits[row, mode])
        magnitude = v & 0x7fffffff
        sign = v >> 31
        # a step of +1 on the ordinal (sign-magnitude mapped to integers) moves away from -inf
        ordinal = -magnitude if sign else magnitude
        ordinal += ulps
        bits[row, mode] = (0x80000000 | -ordinal) if ordinal < 0 else ordinal
    got = [float(v) for v in values.reshape(-1)]
    for (row, mode, ulps) in plants:
        assert dist("fp32", got[row * modes + mode], want[row * modes + mode]) == abs(ulps)
    return values, got, want


def main(check):
    files = {}
    cases = []
    first = (1 << 20) + 100
    plants = [(0, 1, 1), (255, 63, -1), (256, 31, 2), (256, 0, 1), (511, 1, -7), (700, 63, 3), (1023, 31, 1)]
    values, got, want = planted_array(gmpy2.sin, 500000, 128, first, 1024, plants)
    files["sin_fp32_planted.npy"] = npy(values)
    cases.append({"file": "sin_fp32_planted.npy", "quantity": "sin", "base": 500000, "head_dim": 128, "first_position": first,
                  "against_exact": summary("fp32", got, want)})
    # 65536 / 48 is not whole: row 1365 starts in the first chunk and ends in the second
    plants = [(0, 0, 1), (1365, 47, 1), (1365, 0, -1), (1366, 5, 4), (1499, 47, -2)]
    values, got, want = planted_array(gmpy2.cos, 10000, 96, 0, 1500, plants)
    files["cos_fp32_planted_w48.npy"] = npy(values)
    cases.append({"file": "cos_fp32_planted_w48.npy", "quantity": "cos", "base": 10000, "head_dim": 96, "first_position": 0,
                  "against_exact": summary("fp32", got, want)})
    files["expected.json"] = json.dumps({"generator": "src/test/python/gen_walk_fixtures.py",
                                         "versions": {"gmpy2": gmpy2.version(), "numpy": np.__version__},
                                         "cases": cases}, indent=1, sort_keys=True) + "\n"
    bad = write_or_check(OUT, files, check)
    if bad:
        print("differ from a fresh run: " + ", ".join(bad))
        sys.exit(1)


if __name__ == "__main__":
    main("--check" in sys.argv)
