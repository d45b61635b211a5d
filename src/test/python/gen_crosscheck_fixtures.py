#!/usr/bin/env python3
"""Fixtures for `ropebounds crosscheck`: arrays made by numpy and ml_dtypes, and what a correct checker
must report about them, computed here independently with MPFR (gmpy2).

Writes src/test/resources/fixtures/crosscheck/ (relative to the repository root):

    python3 -m venv /tmp/fxvenv
    /tmp/fxvenv/bin/pip install -r src/test/python/requirements.txt
    /tmp/fxvenv/bin/python src/test/python/gen_crosscheck_fixtures.py          # (re)write
    /tmp/fxvenv/bin/python src/test/python/gen_crosscheck_fixtures.py --check  # compare only

Arrays
------
* inv_freq_fp32_correct.npy: b = 500000, d = 128, theta_i = b^(-2i/d) correctly rounded to fp32 by MPFR.
* inv_freq_fp32_planted.{npy,txt,hex.txt}: the same with entry 37 one ulp up (np.nextafter); as .npy,
  as shortest decimals (numpy's format_float_scientific) and as hex floats (float.hex).
* phase_bf16.npy (ml_dtypes' '<V2'), phase_bf16_u2.npy (uint16 bits), phase_bf16_fortran.npy (Fortran
  order), phase_bf16.csv: b = 10000, d = 64, positions 0..1023. The phase computed in bf16 with ml_dtypes:
  inv_freq as transformers computes it (numpy fp32), cast to bf16; positions cast to bf16; their product in
  bf16. Three entries then get planted errors (+1, -2 and +5 ulps, on the bits).
* cos_fp32_concat.npy: b = 500000, d = 32, positions 100000..100255, numpy fp32 (transformers' way:
  fp32 inv_freq, fp32 positions, fp32 product, np.cos in fp32), laid out as cat(freqs, freqs).
* cos_fp16.npy: b = 10000, d = 16, positions 0..511, every stage in numpy float16 (the fp16-all pipeline).
* phase_fp64.npy: b = 500000, d = 128, positions 2^40 .. 2^40 + 63, numpy float64 (the fp64 pipeline).
* sin_fp64.npy: b = 10000, d = 32, positions 0..127, numpy float64 (the fp64 pipeline).
* cos_bf16_concat.npy: b = 10000, d = 32, positions 0..255, every stage in ml_dtypes bfloat16 (the bf16-all
  pipeline), laid out as cat(freqs, freqs): a bf16 cos cache (stored as '<V2').

Expected reports (expected.json)
--------------------------------
For each case, the command-line arguments and, against the exact values and against the pipeline, the
entries, exact matches, 1-ulp count, max and sum of the ulp distances, and the full list of (index, ulps)
of the entries that differ (when there are at most 200); and, at tolerance 1 ulp, how many entries the
pipeline explains (beyond it from exact, within it from the pipeline) and how many are beyond it from the
pipeline. The exact values are computed with MPFR at 400
bits and rounded once into the format; every one is also computed at 600 bits and must round the same
(so no value lies near a rounding boundary). The pipeline values emulate the op-by-op pipeline with
MPFR, one correct rounding per op (pow, cos correctly rounded: what the emulator models). Ulp distances
are differences of sign-magnitude bit patterns mapped to integers, as ropebounds defines them.
"""
import json
import sys
from io import BytesIO
from pathlib import Path

import gmpy2
import ml_dtypes
import numpy as np

from fixture_files import write_or_check

OUT = Path(__file__).resolve().parents[2] / "test" / "resources" / "fixtures" / "crosscheck"

FMT = {  # precision, MPFR emin, MPFR emax (x = 0.1b... * 2^E), storage
    "fp32": (24, -148, 128, np.float32, np.uint32),
    "bf16": (8, -132, 128, ml_dtypes.bfloat16, np.uint16),
    "fp16": (11, -23, 16, np.float16, np.uint16),
    "fp64": (53, -1073, 1024, np.float64, np.uint64),
}


def ctx(fmt):
    p, emin, emax, _, _ = FMT[fmt]
    return gmpy2.context(precision=p, emin=emin, emax=emax, subnormalize=True)


def rn(fmt, x):
    """x (an mpfr or mpq) correctly rounded into fmt, as a Python float."""
    with ctx(fmt):
        return float(gmpy2.mpfr(x))


def ordinal(fmt, value):
    _, _, _, dtype, utype = FMT[fmt]
    bits = int(np.array([value], dtype=dtype).view(utype)[0])
    width = 8 * np.dtype(utype).itemsize
    magnitude = bits & ((1 << (width - 1)) - 1)
    return -magnitude if bits >> (width - 1) else magnitude


def dist(fmt, a, b):
    return abs(ordinal(fmt, a) - ordinal(fmt, b))


def exact(fmt, f):
    """f(ctx) evaluated at 400 and 600 bits, rounded into fmt; both must agree."""
    out = []
    for bits in (400, 600):
        with gmpy2.context(precision=bits):
            out.append(rn(fmt, f()))
    assert out[0] == out[1], "value too close to a rounding boundary"
    return out[0]


def theta(b, d, i):
    return gmpy2.mpfr(b) ** (gmpy2.mpq(-2 * i, d))


def pipeline_inv_freq(fmt, b, d):
    """transformers' inv_freq = 1 / b ** (arange(0, d, 2) / d), every op correctly rounded in fmt."""
    out = []
    for i in range(d // 2):
        e = rn(fmt, gmpy2.mpq(rn(fmt, 2 * i)) / gmpy2.mpq(rn(fmt, d)))
        with gmpy2.context(precision=600):
            pw = gmpy2.mpfr(rn(fmt, b)) ** gmpy2.mpfr(e)
        pw = rn(fmt, pw)
        out.append(rn(fmt, gmpy2.mpq(1) / gmpy2.mpq(pw)))
    return out


def pipeline_trig(fmt, b, d, positions, modes, fn):
    """fn (gmpy2.cos or gmpy2.sin) of the phase, every stage in fmt, each op correctly rounded: a uniform pipeline."""
    inv = pipeline_inv_freq(fmt, b, d)
    out = []
    for p in positions:
        for i in modes:
            ph = rn(fmt, gmpy2.mpq(rn(fmt, p)) * gmpy2.mpq(inv[i]))
            with gmpy2.context(precision=400):
                out.append(rn(fmt, fn(gmpy2.mpfr(ph))))
    return out


def joint(fmt, got, want_exact, want_pipe, tolerance=1):
    """Entries beyond the tolerance from exact but within it from the pipeline, and entries beyond it from the pipeline."""
    explained = beyond = 0
    for g, e, p in zip(got, want_exact, want_pipe):
        off_pipe = dist(fmt, g, p) > tolerance
        beyond += off_pipe
        explained += dist(fmt, g, e) > tolerance and not off_pipe
    return {"tolerance_ulps": tolerance, "explained_by_pipeline": explained, "beyond_tolerance_of_pipeline": beyond}


def npy(arr):
    buf = BytesIO()
    np.save(buf, arr, allow_pickle=False)
    return buf.getvalue()


def summary(fmt, got, want):
    ds = [dist(fmt, g, w) for g, w in zip(got, want)]
    diffs = [[k, u] for k, u in enumerate(ds) if u]
    return {
        "entries": len(ds),
        "exact_matches": sum(1 for u in ds if u == 0),
        "one_ulp": sum(1 for u in ds if u == 1),
        "max_ulps": max(ds),
        "sum_ulps": sum(ds),
        "differing": diffs if len(diffs) <= 200 else None,
    }


def main(check):
    files = {}
    cases = []

    # ---- inv_freq, fp32 ----
    b, d = 500000, 128
    correct = np.array([exact("fp32", lambda i=i: theta(b, d, i)) for i in range(d // 2)], dtype=np.float32)
    files["inv_freq_fp32_correct.npy"] = npy(correct)
    planted = correct.copy()
    planted[37] = np.nextafter(planted[37], np.float32(np.inf))
    files["inv_freq_fp32_planted.npy"] = npy(planted)
    files["inv_freq_fp32_planted.txt"] = "".join(np.format_float_scientific(v, unique=True) + "\n" for v in planted)
    files["inv_freq_fp32_planted.hex.txt"] = "".join(float(v).hex() + "\n" for v in planted)
    want_exact = [float(v) for v in correct]
    want_pipe = pipeline_inv_freq("fp32", b, d)
    base_args = ["--quantity", "inv_freq", "--base", str(b), "--head-dim", str(d), "--pipeline", "hf"]
    cases.append({"file": "inv_freq_fp32_correct.npy", "args": base_args,
                  "against_exact": summary("fp32", [float(v) for v in correct], want_exact),
                  "against_pipeline": summary("fp32", [float(v) for v in correct], want_pipe),
                  "joint": joint("fp32", [float(v) for v in correct], want_exact, want_pipe)})
    for name, extra in (("inv_freq_fp32_planted.npy", []), ("inv_freq_fp32_planted.txt", ["--dtype", "fp32"]),
                        ("inv_freq_fp32_planted.hex.txt", ["--dtype", "fp32"])):
        cases.append({"file": name, "args": base_args + extra,
                      "against_exact": summary("fp32", [float(v) for v in planted], want_exact),
                      "against_pipeline": summary("fp32", [float(v) for v in planted], want_pipe),
                      "joint": joint("fp32", [float(v) for v in planted], want_exact, want_pipe)})

    # ---- phase, bf16 ----
    b, d, n = 10000, 64, 1024
    bf16 = ml_dtypes.bfloat16
    inv32 = (1.0 / (np.float32(b) ** (np.arange(0, d, 2, dtype=np.int64).astype(np.float32) / np.float32(d)))).astype(np.float32)
    inv16 = inv32.astype(bf16)
    t16 = np.arange(n, dtype=np.float32).astype(bf16)
    phase = (t16[:, None] * inv16[None, :]).astype(bf16)
    assert phase.dtype == bf16
    bits = phase.view(np.uint16).copy()
    for (row, col, delta) in ((5, 3, +1), (700, 0, -2), (1023, 31, +5)):
        bits[row, col] = int(bits[row, col]) + delta  # positive entries: adding to the bits moves up by delta ulps
    phase = bits.view(bf16)
    files["phase_bf16.npy"] = npy(phase)
    files["phase_bf16_u2.npy"] = npy(bits)
    files["phase_bf16_fortran.npy"] = npy(np.asfortranarray(phase))
    files["phase_bf16.csv"] = "".join(",".join(repr(float(v)) for v in row) + "\n" for row in phase)
    got = [float(v) for v in phase.reshape(-1)]
    want_exact = [exact("bf16", lambda p=p, i=i: p * theta(b, d, i)) for p in range(n) for i in range(d // 2)]
    inv_pipe = [rn("bf16", v) for v in pipeline_inv_freq("fp32", b, d)]
    want_pipe = [rn("bf16", gmpy2.mpq(rn("bf16", p)) * gmpy2.mpq(inv_pipe[i])) for p in range(n) for i in range(d // 2)]
    pipe_args = ["--pipeline", "hf-bf16-inv-freq", "--position-dtype", "bf16", "--phase-dtype", "bf16"]
    for name, extra in (("phase_bf16.npy", ["--dtype", "bf16"]), ("phase_bf16_u2.npy", ["--dtype", "bf16"]),
                        ("phase_bf16_fortran.npy", ["--dtype", "bf16"]), ("phase_bf16.csv", ["--dtype", "bf16"])):
        cases.append({"file": name, "args": ["--quantity", "phase", "--base", str(b), "--head-dim", str(d),
                                             "--positions", "0:%d" % n] + pipe_args + extra,
                      "against_exact": summary("bf16", got, want_exact),
                      "against_pipeline": summary("bf16", got, want_pipe),
                      "joint": joint("bf16", got, want_exact, want_pipe)})

    # ---- cos cache, fp32, concat layout ----
    b, d, first, n = 500000, 32, 100000, 256
    inv32 = (1.0 / (np.float32(b) ** (np.arange(0, d, 2, dtype=np.int64).astype(np.float32) / np.float32(d)))).astype(np.float32)
    t32 = np.arange(first, first + n, dtype=np.float32)
    freqs = (t32[:, None] * inv32[None, :]).astype(np.float32)
    emb = np.concatenate([freqs, freqs], axis=-1)
    cos = np.cos(emb).astype(np.float32)
    files["cos_fp32_concat.npy"] = npy(cos)
    got = [float(v) for v in cos.reshape(-1)]
    modes = [j % (d // 2) for j in range(d)]
    want_exact = [exact("fp32", lambda p=p, i=i: gmpy2.cos(p * theta(b, d, i)))
                  for p in range(first, first + n) for i in modes]
    want_pipe = pipeline_trig("fp32", b, d, range(first, first + n), modes, gmpy2.cos)
    cases.append({"file": "cos_fp32_concat.npy",
                  "args": ["--quantity", "cos", "--base", str(b), "--head-dim", str(d), "--positions",
                           "%d:%d" % (first, first + n), "--pipeline", "hf"],
                  "against_exact": summary("fp32", got, want_exact),
                  "against_pipeline": summary("fp32", got, want_pipe),
                  "joint": joint("fp32", got, want_exact, want_pipe)})

    # ---- cos in fp16, every stage in fp16 (numpy float16: each op in float32, then rounded) ----
    b, d, n = 10000, 16, 512
    f16 = np.float16
    inv16 = (f16(1) / (f16(b) ** (np.arange(0, d, 2).astype(f16) / f16(d)))).astype(f16)
    t16 = np.arange(n).astype(f16)
    cos16 = np.cos((t16[:, None] * inv16[None, :]).astype(f16)).astype(f16)
    assert cos16.dtype == np.float16
    files["cos_fp16.npy"] = npy(cos16)
    got = [float(v) for v in cos16.reshape(-1)]
    want_exact = [exact("fp16", lambda p=p, i=i: gmpy2.cos(p * theta(b, d, i))) for p in range(n) for i in range(d // 2)]
    want_pipe = pipeline_trig("fp16", b, d, range(n), range(d // 2), gmpy2.cos)
    cases.append({"file": "cos_fp16.npy",
                  "args": ["--quantity", "cos", "--base", str(b), "--head-dim", str(d), "--pipeline", "fp16-all"],
                  "against_exact": summary("fp16", got, want_exact),
                  "against_pipeline": summary("fp16", got, want_pipe),
                  "joint": joint("fp16", got, want_exact, want_pipe)})

    # ---- phase in fp64 at positions 2^40 .. 2^40 + 63 (numpy float64) ----
    b, d, first, n = 500000, 128, 1 << 40, 64
    inv64 = 1.0 / (np.float64(b) ** (np.arange(0, d, 2, dtype=np.int64).astype(np.float64) / np.float64(d)))
    t64 = np.arange(first, first + n, dtype=np.float64)
    phase64 = np.outer(t64, inv64)
    assert phase64.dtype == np.float64
    files["phase_fp64.npy"] = npy(phase64)
    got = [float(v) for v in phase64.reshape(-1)]
    want_exact = [exact("fp64", lambda p=p, i=i: p * theta(b, d, i)) for p in range(first, first + n) for i in range(d // 2)]
    inv_pipe = pipeline_inv_freq("fp64", b, d)
    want_pipe = [rn("fp64", gmpy2.mpq(rn("fp64", p)) * gmpy2.mpq(inv_pipe[i])) for p in range(first, first + n) for i in range(d // 2)]
    cases.append({"file": "phase_fp64.npy",
                  "args": ["--quantity", "phase", "--base", str(b), "--head-dim", str(d), "--positions",
                           "%d:%d" % (first, first + n), "--pipeline", "fp64"],
                  "against_exact": summary("fp64", got, want_exact),
                  "against_pipeline": summary("fp64", got, want_pipe),
                  "joint": joint("fp64", got, want_exact, want_pipe)})

    # ---- sin in fp64, positions 0..127 (numpy float64 throughout: the fp64 pipeline) ----
    b, d, n = 10000, 32, 128
    inv64 = 1.0 / (np.float64(b) ** (np.arange(0, d, 2, dtype=np.int64).astype(np.float64) / np.float64(d)))
    sin64 = np.sin(np.outer(np.arange(n, dtype=np.float64), inv64))
    files["sin_fp64.npy"] = npy(sin64)
    got = [float(v) for v in sin64.reshape(-1)]
    want_exact = [exact("fp64", lambda p=p, i=i: gmpy2.sin(p * theta(b, d, i))) for p in range(n) for i in range(d // 2)]
    want_pipe = pipeline_trig("fp64", b, d, range(n), range(d // 2), gmpy2.sin)
    cases.append({"file": "sin_fp64.npy",
                  "args": ["--quantity", "sin", "--base", str(b), "--head-dim", str(d), "--pipeline", "fp64"],
                  "against_exact": summary("fp64", got, want_exact),
                  "against_pipeline": summary("fp64", got, want_pipe),
                  "joint": joint("fp64", got, want_exact, want_pipe)})

    # ---- cos cache in bf16, concat layout, every stage in bf16 (ml_dtypes: each op in float32, then rounded) ----
    b, d, n = 10000, 32, 256
    bf = ml_dtypes.bfloat16
    invb = (bf(1) / (bf(b) ** (np.arange(0, d, 2).astype(bf) / bf(d)))).astype(bf)
    tb = np.arange(n).astype(bf)  # positions below 256 are exact in bf16
    freqs = (tb[:, None] * invb[None, :]).astype(bf)
    cosb = np.cos(np.concatenate([freqs, freqs], axis=-1)).astype(bf)
    assert cosb.dtype == bf
    files["cos_bf16_concat.npy"] = npy(cosb)
    got = [float(v) for v in cosb.reshape(-1)]
    modes = [j % (d // 2) for j in range(d)]
    want_exact = [exact("bf16", lambda p=p, i=i: gmpy2.cos(p * theta(b, d, i))) for p in range(n) for i in modes]
    want_pipe = pipeline_trig("bf16", b, d, range(n), modes, gmpy2.cos)
    cases.append({"file": "cos_bf16_concat.npy",
                  "args": ["--quantity", "cos", "--base", str(b), "--head-dim", str(d), "--pipeline", "bf16-all", "--dtype", "bf16"],
                  "against_exact": summary("bf16", got, want_exact),
                  "against_pipeline": summary("bf16", got, want_pipe),
                  "joint": joint("bf16", got, want_exact, want_pipe)})

    files["expected.json"] = json.dumps({
        "generator": "src/test/python/gen_crosscheck_fixtures.py",
        "versions": {"numpy": np.__version__, "ml_dtypes": ml_dtypes.__version__, "gmpy2": gmpy2.version()},
        "cases": cases}, indent=1, sort_keys=True) + "\n"
    bad = write_or_check(OUT, files, check)
    if bad:
        print("differ from a fresh run:", ", ".join(bad))
        sys.exit(1)
    for c in cases:
        e, p = c["against_exact"], c["against_pipeline"]
        print("%-32s exact: %d/%d match, max %d | pipeline: %d/%d match, max %d, differing %s" % (
            c["file"], e["exact_matches"], e["entries"], e["max_ulps"], p["exact_matches"], p["entries"], p["max_ulps"],
            p["differing"] if p["differing"] is not None and len(p["differing"]) < 8 else "(many)"))


if __name__ == "__main__":
    main("--check" in sys.argv[1:])
