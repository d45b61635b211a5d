#!/usr/bin/env python3
"""Golden-fixture generator: Hugging Face transformers' default RoPE, op by op, in float32/bf16.

Writes CSV fixtures to src/test/resources/fixtures/rope/ (relative to the
repository root).  The Java tests only READ these files; they need no Python.

    python3 -m venv /tmp/ropevenv
    /tmp/ropevenv/bin/pip install -r src/test/python/requirements-rope.txt
    /tmp/ropevenv/bin/python src/test/python/gen_rope_fixtures.py          # (re)write
    /tmp/ropevenv/bin/python src/test/python/gen_rope_fixtures.py --check  # compare only
    /tmp/ropevenv/bin/python src/test/python/gen_rope_fixtures.py --isa-compare
        # also rerun the torch part under ATEN_CPU_CAPABILITY=default/avx2/avx512
        # and report whether any stored torch value depends on the CPU kernel

The output is deterministic (fixed seed, Python's Mersenne Twister
getrandbits() only, sorted iteration, torch single-threaded).

Reference pipeline (the arrays come from transformers itself)
-------------------------------------------------------------
A LlamaConfig is built in code (no download, no weights) with
rope_parameters={"rope_type": "default", "rope_theta": float(base)},
head_dim=dim, and LlamaRotaryEmbedding(config) is instantiated.  Its
inv_freq buffer and its forward(x, position_ids) outputs ARE the reference
(forward with x.dtype=bfloat16 for the bf16 columns and x.dtype=float32 for
the float32 cos/sin columns: the final .to(x.dtype) is then a no-op).  The
script additionally re-runs each op by hand in torch to expose the
intermediates that the module does not return, and asserts bit-equality with
the module's outputs:
  exponent e_i = torch.arange(0, dim, 2, dtype=torch.int64).float() / dim
  pow_i        = base ** e_i            (Python float base -> float32 pow)
  inv_freq_i   = 1.0 / pow_i            (torch: pow.reciprocal() * 1.0)
  phase        = (inv_freq[None,:,None] @ position_ids[:,None,:].float())
  cos, sin     = phase.cos(), phase.sin()   (* attention_scaling = 1.0)
  bf16         = cos.to(torch.bfloat16)     (round to nearest even)

What transformers 5.18.0 / torch 2.13.0 actually execute (read from the source)
  * transformers 5.18.0 has no _compute_default_rope_parameters in
    modeling_rope_utils.py any more; the default init is the static method
    LlamaRotaryEmbedding.compute_default_rope_parameters, which spells the
    exponent as torch.arange(0, dim, 2, dtype=torch.float) / dim (a float32
    arange, not int64 then .float()).  Same values: the integers are exact.
  * 1.0 / tensor is Tensor.__rtruediv__ = tensor.reciprocal() * 1.0: a
    correctly rounded float32 reciprocal followed by an exact * 1.0.
  * base ** tensor is torch.pow(Scalar, Tensor): float32 pow with the base
    rounded to float32.  On x86 with AVX2/AVX512 kernels this is Sleef's
    vectorized powf (1-ulp class), with ATEN_CPU_CAPABILITY=default it is the
    scalar std::pow; the two differ for (5000000, 256, i=38).
  * the position product is a batched matmul with inner dimension 1; it is
    asserted to be the correctly rounded product.
  * cos/sin are computed on emb = cat(freqs, freqs), multiplied by
    attention_scaling (1.0, exact) under a disabled autocast, then
    .to(x.dtype); both halves are asserted equal.

Correct rounding (gmpy2 / MPFR)
-------------------------------
fp32 context: precision=24, emin=-148, emax=128, subnormalize=True, RN.
  exponent_cr = RN32(RN32(2i) / RN32(d))
  pow_cr      = RN32(RN32(base) ^ exponent_cr)   (mpfr_pow, correctly rounded)
  inv_cr      = RN32(1 / pow_cr)
  phase_cr    = RN32(RN32(p) * inv_freq_torch)   (asserted == torch's phase)
  cos_cr/sin_cr = RN32(cos/sin(phase_torch))     (mpfr_cos/mpfr_sin at 24 bits)
Each correctly rounded value is cross-checked by a second route: 256-bit MPFR
followed by a single RN to 24 bits, after checking that the 256-bit value is
not within 2^-200 (relative) of an fp32 rounding boundary (no double-rounding
hazard); products are also checked with exact float64 products cast to
float32.  bf16 casts are checked against ml_dtypes.bfloat16 and against MPFR
at precision 8.  Any disagreement raises AssertionError.

Ulp differences are signed, in fp32 ulps, as the difference of the
sign-magnitude encodings mapped to ordered integers (torch minus correctly
rounded), so they count fp32 values between the two results.
"""

import argparse
import json
import os
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")   # nothing is downloaded: the config is built in code

import gmpy2  # noqa: E402
import ml_dtypes  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
import transformers  # noqa: E402
from transformers import LlamaConfig  # noqa: E402
from transformers.models.llama.modeling_llama import LlamaRotaryEmbedding  # noqa: E402
from fixture_files import write_or_check  # noqa: E402

SCRIPT = "src/test/python/gen_rope_fixtures.py"
REGEN = f"pip install -r src/test/python/requirements-rope.txt; python3 {SCRIPT}"

CONFIGS = [(10000, 128), (500000, 128), (1000000, 64), (10000000, 128), (5000000, 256)]
FIXED_POSITIONS = [0, 1, 2, 3, 255, 256, 257, 1000, 4095, 8191, 65535, 131071,
                   1000000, 16777215, 16777216, 16777217, 20000000]
SEED = 20250101
N_RANDOM = 8
# positions for which hf-phases.csv lists every mode i; the others list
# i in {0, 1, 2, d/4, d/2-2, d/2-1}
FULL_POSITIONS = {1, 4095, 131071, 1000000, 16777217, 20000000}

CTX32 = gmpy2.context(precision=24, emin=-148, emax=128, subnormalize=True,
                      round=gmpy2.RoundToNearest)
CTXBF16 = gmpy2.context(precision=8, emin=-132, emax=128, subnormalize=True,
                        round=gmpy2.RoundToNearest)
CTXHI = gmpy2.context(precision=256, round=gmpy2.RoundToNearest)


def random_positions():
    rng = random.Random(SEED)
    out = []
    while len(out) < N_RANDOM:
        p = rng.getrandbits(25)
        if p not in FIXED_POSITIONS and p not in out:
            out.append(p)
    return sorted(out)


POSITIONS = sorted(FIXED_POSITIONS + random_positions())


# ----------------------------------------------------------------------------
# formatting / bit helpers
# ----------------------------------------------------------------------------

def hexf(x):
    """Normalized C99 hex float of a float32/bf16/float64 value (exact)."""
    x = float(x)
    assert x == x and abs(x) != float("inf"), x
    if x == 0:
        return "-0x0p+0" if np.signbit(x) else "0x0p+0"
    s = x.hex()                       # e.g. -0x1.8000000000000p-3 (normal double)
    sign = "-" if s.startswith("-") else ""
    mant, exp = s.lstrip("-")[2:].split("p")
    assert mant.startswith("1"), s
    frac = mant[2:].rstrip("0") if "." in mant else ""
    e = int(exp)
    return f"{sign}0x1{'.' + frac if frac else ''}p{e:+d}"


def f32bits(x):
    return int(np.array(x, dtype=np.float32).view(np.uint32))


def ordered(x):
    """fp32 value -> ordered integer (adjacent floats differ by 1, +-0 -> 0)."""
    b = f32bits(x)
    m = b & 0x7FFFFFFF
    return -m if b >> 31 else m


def ulps(a, b):
    return ordered(a) - ordered(b)


def mp_to_f32(m):
    f = np.float32(float(m))
    assert gmpy2.mpfr(float(f), 256) == m or m == 0, (m, f)   # value is exactly an fp32
    return f


def rn32_hi(fn, *args):
    """Second route: 256-bit MPFR, then one RN to fp32, with a boundary check."""
    with CTXHI:
        v = fn(*[gmpy2.mpfr(a) for a in args])
    if v == 0:
        return np.float32(0.0)
    with CTX32:
        r = +v                        # single rounding of the 256-bit value
        lo = gmpy2.next_below(r)
        hi = gmpy2.next_above(r)
    with CTXHI:
        # distance to the rounding boundaries (midpoints) must dominate the
        # 256-bit error (< 2^-255 relative)
        for nb in (lo, hi):
            mid = (r + nb) / 2
            assert abs(v - mid) > abs(v) * gmpy2.exp2(-200), ("hard case", args)
    return mp_to_f32(r)


def cr32(fn, *args):
    with CTX32:
        r = fn(*[gmpy2.mpfr(a) for a in args])
    return mp_to_f32(r)


def bf16_cr(x32):
    with CTXBF16:
        r = gmpy2.mpfr(float(x32)) + 0   # rounding of the exact fp32 value
    return float(r)


# ----------------------------------------------------------------------------
# torch / transformers
# ----------------------------------------------------------------------------

def make_config(base, dim, theta):
    return LlamaConfig(hidden_size=dim, num_attention_heads=1, num_key_value_heads=1,
                       head_dim=dim, intermediate_size=8, num_hidden_layers=1,
                       vocab_size=8, max_position_embeddings=2048,
                       rope_parameters={"rope_type": "default", "rope_theta": theta})


def bits_equal(a, b):
    assert a.dtype == b.dtype and a.shape == b.shape, (a.dtype, b.dtype, a.shape, b.shape)
    if a.dtype == torch.bfloat16:
        return torch.equal(a.view(torch.int16), b.view(torch.int16))
    return torch.equal(a.view(torch.int32), b.view(torch.int32))


def torch_pipeline(base, dim):
    """All torch values for one (base, dim), as numpy float32 arrays."""
    rot = LlamaRotaryEmbedding(make_config(base, dim, float(base)))
    assert rot.rope_type == "default" and rot.attention_scaling == 1.0
    inv = rot.inv_freq
    assert inv.dtype == torch.float32 and inv.shape == (dim // 2,)
    # an int rope_theta gives the same buffer
    assert bits_equal(LlamaRotaryEmbedding(make_config(base, dim, int(base))).inv_freq, inv)

    # op by op (the transformers<=4.x / modeling_rope_utils spelling with int64 arange)
    expo = torch.arange(0, dim, 2, dtype=torch.int64).float() / dim
    pw = float(base) ** expo
    inv_manual = 1.0 / pw
    assert bits_equal(inv_manual, inv), "manual 1/(base**e) differs from the module's inv_freq"
    assert bits_equal(pw.reciprocal(), inv)
    assert bits_equal(torch.arange(0, dim, 2, dtype=torch.float) / dim, expo)

    pos = torch.tensor([POSITIONS], dtype=torch.int64)
    cos_bf, sin_bf = rot(torch.zeros(1, dtype=torch.bfloat16), pos)
    cos32, sin32 = rot(torch.zeros(1, dtype=torch.float32), pos)
    assert cos_bf.dtype == torch.bfloat16 and cos32.dtype == torch.float32
    assert cos32.shape == (1, len(POSITIONS), dim)

    with torch.no_grad():
        freqs = (inv[None, :, None].expand(1, -1, 1).to(dtype=torch.float)
                 @ pos[:, None, :].float()).transpose(1, 2)
        emb = torch.cat((freqs, freqs), dim=-1)
        assert bits_equal(emb.cos() * 1.0, cos32) and bits_equal(emb.sin() * 1.0, sin32)
        assert bits_equal(cos32.to(torch.bfloat16), cos_bf)
        assert bits_equal(sin32.to(torch.bfloat16), sin_bf)
    h = dim // 2
    for t in (cos32, sin32, cos_bf, sin_bf):
        assert bits_equal(t[..., :h], t[..., h:]), "duplicated halves differ"

    def npy(t):
        return t.detach().float().numpy().astype(np.float32)

    return {
        "expo": npy(expo), "pow": npy(pw), "inv": npy(inv),
        "phase": npy(freqs[0]), "cos": npy(cos32[0, :, :h]), "sin": npy(sin32[0, :, :h]),
        "cos_bf": npy(cos_bf[0, :, :h]), "sin_bf": npy(sin_bf[0, :, :h]),
    }


def all_torch():
    torch.set_num_threads(1)
    return {cfg: torch_pipeline(*cfg) for cfg in CONFIGS}


# ----------------------------------------------------------------------------
# fixtures
# ----------------------------------------------------------------------------

STATS = {"pow": Counter(), "inv": Counter(), "cos": Counter(), "sin": Counter(),
         "cos_rows": Counter(), "sin_rows": Counter(),
         "np_pow_vs_torch": Counter(), "np_pow_vs_cr": Counter(),
         "np_cos_vs_torch": Counter(), "np_sin_vs_torch": Counter(),
         "bf16_vs_bf16_of_cr32": Counter(), "bf16_vs_cr_bf16": Counter()}


def gen_inv_freq(T):
    rows = []
    for base, dim in CONFIGS:
        tv = T[(base, dim)]
        # numpy mimicking torch (informational only)
        np_e = np.arange(0, dim, 2, dtype=np.int64).astype(np.float32) / np.float32(dim)
        np_pow = np.float32(base) ** np_e
        for i in range(dim // 2):
            e_t, pow_t, inv_t = tv["expo"][i], tv["pow"][i], tv["inv"][i]
            e_cr = cr32(lambda a, b: a / b, 2 * i, dim)
            assert f32bits(e_cr) == f32bits(e_t), (base, dim, i)
            assert f32bits(np_e[i]) == f32bits(e_t)
            pow_cr = cr32(lambda a, b: a ** b, base, float(e_cr))
            assert f32bits(pow_cr) == f32bits(rn32_hi(lambda a, b: a ** b, base, float(e_cr)))
            inv_cr = cr32(lambda a: 1 / a, float(pow_cr))
            assert f32bits(inv_cr) == f32bits(rn32_hi(lambda a: 1 / a, float(pow_cr)))
            assert f32bits(np.float32(1.0) / pow_cr) == f32bits(inv_cr)
            # torch's 1/pow is a correctly rounded division of ITS pow
            assert f32bits(cr32(lambda a: 1 / a, float(pow_t))) == f32bits(inv_t)
            d = ulps(pow_t, pow_cr)
            STATS["pow"][d] += 1
            STATS["inv"][ulps(inv_t, inv_cr)] += 1
            STATS["np_pow_vs_torch"][ulps(np_pow[i], pow_t)] += 1
            STATS["np_pow_vs_cr"][ulps(np_pow[i], pow_cr)] += 1
            rows.append(",".join([str(base), str(dim), str(i), hexf(inv_t), hexf(pow_t),
                                  hexf(e_t), hexf(inv_cr), str(d), hexf(pow_cr)]))
    return rows


def phase_modes(dim, p):
    if p in FULL_POSITIONS:
        return list(range(dim // 2))
    return sorted({0, 1, 2, dim // 4, dim // 2 - 2, dim // 2 - 1})


def gen_phases(T):
    rows = []
    for base, dim in CONFIGS:
        tv = T[(base, dim)]
        for k, p in enumerate(POSITIONS):
            t32 = np.float32(p)
            assert f32bits(t32) == f32bits(cr32(lambda a: +a, p))
            np_cos = np.cos(tv["phase"][k])
            np_sin = np.sin(tv["phase"][k])
            listed = set(phase_modes(dim, p))
            for i in range(dim // 2):
                ph = tv["phase"][k][i]
                inv = tv["inv"][i]
                # the phase is the correctly rounded product RN32(float32(p) * inv_freq)
                ph_cr = cr32(lambda a, b: a * b, float(t32), float(inv))
                assert f32bits(ph) == f32bits(ph_cr), (base, dim, i, p)
                assert f32bits(np.float32(np.float64(t32) * np.float64(inv))) == f32bits(ph)
                c, s = tv["cos"][k][i], tv["sin"][k][i]
                cb, sb = tv["cos_bf"][k][i], tv["sin_bf"][k][i]
                c_cr = cr32(gmpy2.cos, float(ph))
                s_cr = cr32(gmpy2.sin, float(ph))
                assert f32bits(c_cr) == f32bits(rn32_hi(gmpy2.cos, float(ph)))
                if ph != 0:
                    assert f32bits(s_cr) == f32bits(rn32_hi(gmpy2.sin, float(ph)))
                for v32, vbf in ((c, cb), (s, sb)):
                    assert float(ml_dtypes.bfloat16(v32)) == float(vbf)
                    assert bf16_cr(v32) == float(vbf)
                    assert np.signbit(float(ml_dtypes.bfloat16(v32))) == np.signbit(vbf)
                for v32, vbf, fn in ((c_cr, cb, gmpy2.cos), (s_cr, sb, gmpy2.sin)):
                    # bf16 of torch's fp32 vs bf16 of the correctly rounded fp32, and vs the
                    # correctly rounded bf16 of the real cos/sin (one rounding, MPFR p=8)
                    STATS["bf16_vs_bf16_of_cr32"][float(vbf) != bf16_cr(v32)] += 1
                    with CTXBF16:
                        direct = float(fn(gmpy2.mpfr(float(ph), 24)))  # exact input
                    STATS["bf16_vs_cr_bf16"][float(vbf) != direct] += 1
                dc, ds = ulps(c, c_cr), ulps(s, s_cr)
                STATS["cos"][dc] += 1
                STATS["sin"][ds] += 1
                STATS["np_cos_vs_torch"][ulps(np_cos[i], c)] += 1
                STATS["np_sin_vs_torch"][ulps(np_sin[i], s)] += 1
                if i in listed:
                    STATS["cos_rows"][dc] += 1
                    STATS["sin_rows"][ds] += 1
                    rows.append(",".join([str(base), str(dim), str(i), str(p), hexf(ph),
                                          hexf(c), hexf(s), hexf(cb), hexf(sb),
                                          hexf(c_cr), hexf(s_cr)]))
    return rows


# ----------------------------------------------------------------------------
# ISA comparison (optional)
# ----------------------------------------------------------------------------

def dump_torch(path):
    T = all_torch()
    out = {"capability": torch.backends.cpu.get_cpu_capability()}
    for (base, dim), tv in T.items():
        out[f"{base},{dim}"] = {k: [f32bits(x) for x in v.ravel()] for k, v in tv.items()}
    Path(path).write_text(json.dumps(out))


def isa_compare(T):
    ref = {f"{b},{d}": {k: [f32bits(x) for x in v.ravel()] for k, v in tv.items()}
           for (b, d), tv in T.items()}
    lines = []
    for cap in ("default", "avx2", "avx512"):
        path = f"/tmp/gen_rope_fixtures_{cap}.json"
        env = dict(os.environ, ATEN_CPU_CAPABILITY=cap)
        subprocess.run([sys.executable, __file__, "--dump-torch", path], env=env, check=True)
        got = json.loads(Path(path).read_text())
        os.remove(path)
        diffs = Counter()
        for key, arrs in ref.items():
            for k, bits in arrs.items():
                diffs[k] += sum(1 for a, b in zip(bits, got[key][k]) if a != b)
        lines.append(f"ATEN_CPU_CAPABILITY={cap} (ran as {got['capability']}): values differing "
                     f"from this run: {dict(sorted(diffs.items()))}")
    return lines


# ----------------------------------------------------------------------------

def fmt_counter(c):
    return "{" + ", ".join(f"{k:+d}: {v}" for k, v in sorted(c.items())) + "}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", help="output directory (default: the repository's fixtures dir)")
    ap.add_argument("--check", action="store_true",
                    help="do not write; fail if the files on disk differ")
    ap.add_argument("--isa-compare", action="store_true",
                    help="also rerun torch under each ATEN_CPU_CAPABILITY and compare")
    ap.add_argument("--dump-torch", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.dump_torch:
        dump_torch(args.dump_torch)
        return 0
    here = Path(__file__).resolve().parent
    out_dir = Path(args.out) if args.out else here.parent / "resources" / "fixtures" / "rope"

    T = all_torch()
    cap = torch.backends.cpu.get_cpu_capability()
    # AVX2 and AVX512 give bit-identical values (checked with --isa-compare); DEFAULT
    # (scalar std::pow instead of Sleef) differs in one pow, see the README
    cap = "AVX2 or AVX512" if cap in ("AVX2", "AVX512") else cap
    py = f"{sys.version_info.major}.{sys.version_info.minor}"
    libs = (f"torch {torch.__version__} (CPU capability {cap}), transformers "
            f"{transformers.__version__}, numpy {np.__version__}, ml_dtypes "
            f"{ml_dtypes.__version__}, gmpy2 {gmpy2.version()} with {gmpy2.mpfr_version()} "
            f"and {gmpy2.mp_version()}, Python {py}")
    header = (f"# Generated by {SCRIPT} ({libs}); torch values from transformers' "
              f"LlamaRotaryEmbedding (rope_type default), correctly rounded values from MPFR; "
              f"{{what}}; DO NOT EDIT: regenerate with: {REGEN}\n")
    files = {
        "hf-inv-freq.csv": header.format(
            what="inv_freq = 1/(base**(float32(2i)/d)) in float32, pow_ulps_off = torch pow "
                 "minus correctly rounded pow in fp32 ulps")
        + "base,dim,i,inv_freq_fp32_hex,pow_fp32_hex,exponent_fp32_hex,"
          "inv_freq_correctly_rounded_hex,pow_ulps_off,pow_correctly_rounded_hex\n"
        + "".join(r + "\n" for r in gen_inv_freq(T)),
        "hf-phases.csv": header.format(
            what="phase = RN32(float32(position)*inv_freq), cos/sin float32 from torch, bf16 = "
                 "torch .to(bfloat16), _cr_ = correctly rounded fp32 cos/sin of the fp32 phase")
        + "base,dim,i,position,phase_fp32_hex,cos_fp32_hex,sin_fp32_hex,cos_bf16_hex,"
          "sin_bf16_hex,cos_cr_fp32_hex,sin_cr_fp32_hex\n"
        + "".join(r + "\n" for r in gen_phases(T)),
    }

    bad = write_or_check(out_dir, files, args.check)

    print(libs)
    print(f"positions: {POSITIONS}")
    print(f"torch pow vs correctly rounded pow (ulps: count): {fmt_counter(STATS['pow'])}")
    print(f"torch inv_freq vs correctly rounded pipeline:    {fmt_counter(STATS['inv'])}")
    print(f"torch cos vs correctly rounded cos, all {sum(STATS['cos'].values())} computed: "
          f"{fmt_counter(STATS['cos'])}; in CSV rows: {fmt_counter(STATS['cos_rows'])}")
    print(f"torch sin vs correctly rounded sin, all {sum(STATS['sin'].values())} computed: "
          f"{fmt_counter(STATS['sin'])}; in CSV rows: {fmt_counter(STATS['sin_rows'])}")
    print(f"(info) numpy float32 pow vs torch: {fmt_counter(STATS['np_pow_vs_torch'])}, "
          f"vs correctly rounded: {fmt_counter(STATS['np_pow_vs_cr'])}")
    print(f"(info) numpy float32 cos vs torch: {fmt_counter(STATS['np_cos_vs_torch'])}, "
          f"sin: {fmt_counter(STATS['np_sin_vs_torch'])}")
    print(f"(info) bf16 values (cos and sin, all computed) differing from bf16(correctly rounded "
          f"fp32): {STATS['bf16_vs_bf16_of_cr32'][True]}, from the correctly rounded bf16 of "
          f"the real cos/sin: {STATS['bf16_vs_cr_bf16'][True]} "
          f"of {sum(STATS['bf16_vs_cr_bf16'].values())}")
    worst = max(abs(k) for key in ("pow", "cos", "sin") for k in STATS[key])
    assert worst <= 1, f"torch is {worst} ulps off correct rounding somewhere"
    if args.isa_compare:
        for line in isa_compare(T):
            print(line)
    for name, text in files.items():
        print(f"{name}: {text.count(chr(10)) - 2} rows, {len(text.encode())} bytes")
    if bad:
        print("DIFFERS from the files on disk: " + ", ".join(bad))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
