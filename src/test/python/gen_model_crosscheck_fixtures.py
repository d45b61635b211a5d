#!/usr/bin/env python3
"""Fixtures for `ropebounds crosscheck --config`: cos/sin caches of scaled models as transformers computes them,
and what a correct checker must report about them, computed here independently with MPFR (gmpy2).

Writes src/test/resources/fixtures/crosscheck/models/ (relative to the repository root):

    /tmp/venv-torch/bin/pip install -r src/test/python/requirements-model-crosscheck.txt   # or an existing venv
    /tmp/venv-torch/bin/python src/test/python/gen_model_crosscheck_fixtures.py          # (re)write
    /tmp/venv-torch/bin/python src/test/python/gen_model_crosscheck_fixtures.py --check  # compare only

Models (config files beside the arrays; each is given to the transformers config class as keyword arguments)
--------------------------------------------------------------------------------------------------------------
* llama3.json: Llama 3.1 8B's RoPE (b = 500000, head_dim 128, llama3 scaling factor 8, low/high 1/4, original 8192);
  LlamaRotaryEmbedding. Attention factor 1.
* yarn.json: Qwen2.5-7B-Instruct with the YaRN block Qwen documents (b = 1e6, head_dim 128, factor 4, original
  32768, max_position_embeddings 131072); Qwen2RotaryEmbedding. Attention factor 0.1 ln 4 + 1.
* longrope.json: a Phi-3-mini-128k shape (b = 10000, head_dim 96, original 4096, max_position_embeddings 131072)
  with SYNTHETIC short/long factor lists (not Microsoft's); Phi3RotaryEmbedding. Attention factor
  sqrt(1 + ln 32 / ln 4096) = sqrt(17/12).

Arrays: <model>_<cos|sin>_<fp32|bf16>_<2p17|2p20>.npy, the module's forward(x, position_ids) output for 16
positions starting at 2^17 - 8 or 2^20 - 8, x of dtype fp32 or bf16 (bf16 stored as its uint16 bits), shape
(16, d) in transformers' layout cat(freqs, freqs).

Predictions (expected.json), per array
--------------------------------------
* exact values: theta'_i of the model (this script's own transcription of each formula, MPFR at 400 and 600
  bits, which must round the same), times p, cos or sin, times the exact attention factor, rounded once into
  the array's format;
* pipeline values (`-p hf`): transformers' fp32 op order for that rope type, one correct rounding per op
  (pow correctly rounded by MPFR; `a / t` as torch's reciprocal-then-multiply), the fp32 product with the
  position, fp32 cos/sin correctly rounded, times fl32(attention factor as Python computes it) in fp32,
  then cast to the output format;
* the counts ropebounds reports: against exact and against the pipeline (entries, exact matches, 1 ulp,
  max ulps) and, at tolerance 1 ulp, explained by / beyond the pipeline;
* torch's own deviations, measured here with MPFR and NOT hidden: per model, the modes whose torch inv_freq
  differs from the correctly rounded emulation (torch's fp32 pow is Sleef's, not correctly rounded), and per
  array the entries where torch's fp32 cos/sin of its own phase is not the correctly rounded value.
"""
import json
import math
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import gmpy2  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
import transformers  # noqa: E402
from transformers import LlamaConfig, Phi3Config, Qwen2Config  # noqa: E402
from transformers.models.llama.modeling_llama import LlamaRotaryEmbedding  # noqa: E402
from transformers.models.phi3.modeling_phi3 import Phi3RotaryEmbedding  # noqa: E402
from transformers.models.qwen2.modeling_qwen2 import Qwen2RotaryEmbedding  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fixture_files import write_or_check  # noqa: E402
from gen_crosscheck_fixtures import dist, exact, joint, npy, rn, summary  # noqa: E402

transformers.logging.set_verbosity_error()
torch.set_num_threads(1)

OUT = Path(__file__).resolve().parents[2] / "test" / "resources" / "fixtures" / "crosscheck" / "models"
VERSIONS = f"transformers {transformers.__version__}, torch {torch.__version__}, numpy {np.__version__}, gmpy2 {gmpy2.version()}"
Q = gmpy2.mpq
SYNTH_SHORT = [round(1.0 + i / 100, 2) for i in range(48)]
SYNTH_LONG = [round(1.0 + i * i / 50, 2) for i in range(48)]

MODELS = {
    "llama3": (LlamaConfig, LlamaRotaryEmbedding, {
        "model_type": "llama", "hidden_size": 4096, "num_attention_heads": 32, "num_hidden_layers": 32,
        "max_position_embeddings": 131072, "rope_theta": 500000.0, "torch_dtype": "bfloat16",
        "rope_scaling": {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                         "original_max_position_embeddings": 8192}}),
    "yarn": (Qwen2Config, Qwen2RotaryEmbedding, {
        "model_type": "qwen2", "hidden_size": 3584, "num_attention_heads": 28, "num_hidden_layers": 28,
        "max_position_embeddings": 131072, "rope_theta": 1000000.0, "torch_dtype": "bfloat16",
        "rope_scaling": {"type": "yarn", "factor": 4.0, "original_max_position_embeddings": 32768}}),
    "longrope": (Phi3Config, Phi3RotaryEmbedding, {
        "model_type": "phi3", "hidden_size": 3072, "num_attention_heads": 32, "num_hidden_layers": 32,
        "max_position_embeddings": 131072, "original_max_position_embeddings": 4096, "rope_theta": 10000.0,
        "torch_dtype": "bfloat16",
        "rope_scaling": {"type": "longrope", "short_factor": SYNTH_SHORT, "long_factor": SYNTH_LONG}}),
}
STARTS = {"2p17": (1 << 17) - 8, "2p20": (1 << 20) - 8}
ROWS = 16
DTYPES = {"fp32": torch.float32, "bf16": torch.bfloat16}


def f32(x):
    return rn("fp32", x)


# ------------------------------------------------------------------------------------------- exact spectra
def theta_exact(name, kw, i):
    """theta'_i as an mpfr at the current precision: the formulas of transformers 5.18's rope functions over the reals."""
    d = 128 if name != "longrope" else 96
    b = gmpy2.mpfr(Q(int(kw["rope_theta"])))
    th = b ** Q(-2 * i, d)
    sc = kw["rope_scaling"]
    if name == "llama3":
        s, lo, hi, orig = Q(8), Q(1), Q(4), Q(8192)
        wl = 2 * gmpy2.const_pi() / th
        if wl < orig / hi:
            return th
        if wl > orig / lo:
            return th / s
        g = (orig / wl - lo) / (hi - lo)
        return (1 - g) * th / s + g * th
    if name == "yarn":
        s, orig = Q(4), sc["original_max_position_embeddings"]

        def cdim(r):  # exact real; floor/ceil below (truncate = True), as the Java side decides them
            return d * gmpy2.log(orig / (r * 2 * gmpy2.const_pi())) / (2 * gmpy2.log(b))
        low = max(int(gmpy2.floor(cdim(32))), 0)
        high = min(int(gmpy2.ceil(cdim(1))), d - 1)
        ramp = min(max(Q(i - low, high - low), Q(0)), Q(1))
        extrap = 1 - ramp
        return th / s * (1 - extrap) + th * extrap
    if name == "longrope":
        return th / Q(str(SYNTH_LONG[i]))   # long factors: the sequence (and context) exceeds the original 4096
    raise ValueError(name)


def attention_exact(name):
    if name == "yarn":
        return Q(1, 10) * gmpy2.log(4) + 1
    if name == "longrope":
        return gmpy2.sqrt(Q(17, 12))         # 1 + ln 32 / ln 4096 = 1 + 5/12
    return gmpy2.mpfr(1)


def attention_python(name):
    """What transformers computes in Python doubles."""
    if name == "yarn":
        return 0.1 * 1 * math.log(4.0) + 1.0
    if name == "longrope":
        return math.sqrt(1 + math.log(131072 / 4096) / math.log(4096))
    return 1.0


# ------------------------------------------------------------------------------------------- fp32 emulation
def pow32(b, e):
    with gmpy2.context(precision=600):
        return f32(gmpy2.mpfr(f32(b)) ** gmpy2.mpfr(e))


def rdiv32(scalar, x):
    """torch's `python_scalar / tensor`: x.reciprocal() * fl32(scalar), two fp32 roundings."""
    return f32(Q(f32(Q(1) / Q(x))) * Q(f32(scalar)))


def inv_freq32(name, kw):
    """inv_freq as transformers computes it, op by op in fp32, pow correctly rounded."""
    d = 128 if name != "longrope" else 96
    b = kw["rope_theta"]
    shape = [f32(Q(f32(2 * i)) / Q(f32(d))) for i in range(d // 2)]
    pw = [pow32(b, e) for e in shape]
    if name == "llama3":
        s, lo, hi, orig = 8.0, 1.0, 4.0, 8192
        out = []
        for p in pw:
            inv = rdiv32(1.0, p)
            wl = rdiv32(2 * math.pi, inv)
            llama = f32(Q(inv) / Q(f32(s))) if wl > orig / lo else inv
            g = f32(Q(f32(Q(rdiv32(orig, wl)) - Q(f32(lo)))) / Q(f32(hi - lo)))
            smooth = f32(Q(f32(Q(f32(Q(f32(1 - Q(g))) * Q(llama))) / Q(f32(s)))) + Q(f32(Q(g) * Q(llama))))
            medium = not (wl < orig / hi) and not (wl > orig / lo)
            out.append(smooth if medium else llama)
        return out
    if name == "yarn":
        s, orig = 4.0, 32768

        def cdim(r):
            return (d * math.log(orig / (r * 2 * math.pi))) / (2 * math.log(b))
        low, high = max(math.floor(cdim(32)), 0), min(math.ceil(cdim(1)), d - 1)
        out = []
        for i, p in enumerate(pw):
            extrap = rdiv32(1.0, p)
            interp = rdiv32(1.0, f32(Q(f32(s)) * Q(p)))
            lin = f32(Q(f32(Q(f32(i)) - Q(f32(low)))) / Q(f32(high - low)))
            ef = f32(1 - min(max(Q(lin), Q(0)), Q(1)))
            out.append(f32(Q(f32(Q(interp) * Q(f32(1 - Q(ef))))) + Q(f32(Q(extrap) * Q(ef)))))
        return out
    if name == "longrope":
        return [rdiv32(1.0, f32(Q(f32(Q(str(SYNTH_LONG[i])))) * Q(p))) for i, p in enumerate(pw)]
    raise ValueError(name)


def ordinal32(v):
    b = int(np.array([v], dtype=np.float32).view(np.uint32)[0])
    return -(b & 0x7FFFFFFF) if b >> 31 else b


# ------------------------------------------------------------------------------------------- main
def main(check):
    files = {}
    expected = {"generator": "src/test/python/gen_model_crosscheck_fixtures.py", "versions": VERSIONS,
                "cpu_capability": torch.backends.cpu.get_cpu_capability(), "models": {}, "arrays": []}
    for name, (cfg_cls, rot_cls, kw) in MODELS.items():
        files[name + ".json"] = json.dumps(kw, indent=2, sort_keys=True) + "\n"
        args = {k: v for k, v in kw.items() if k not in ("model_type", "torch_dtype")}
        config = cfg_cls(**args)
        rot = rot_cls(config=config)
        d = 128 if name != "longrope" else 96
        modes = d // 2
        inv_emul = inv_freq32(name, kw)
        a_py = attention_python(name)
        assert float(rot.attention_scaling) == a_py, (name, rot.attention_scaling, a_py)
        a32 = f32(a_py)
        model_facts = {"rotary_dim": d, "attention_factor_python_hex": float(a_py).hex(),
                       "attention_factor_fp32_hex": float(a32).hex()}
        for start_name, start in STARTS.items():
            positions = list(range(start, start + ROWS))
            pos_ids = torch.tensor([positions], dtype=torch.int64)
            for dt_name, dt in DTYPES.items():
                x = torch.zeros(1, dtype=dt)
                cos, sin = rot(x, pos_ids)   # forward: for LongRoPE this switches to the long factors
                inv_torch = [float(v) for v in rot.inv_freq.float()]
                if "inv_freq_torch_vs_emulated" not in model_facts:
                    diffs = [[i, ordinal32(t) - ordinal32(e)] for i, (t, e) in enumerate(zip(inv_torch, inv_emul)) if t != e]
                    model_facts["inv_freq_torch_vs_emulated"] = diffs
                    model_facts["inv_freq_torch_hex"] = [float(v).hex() for v in inv_torch]
                # torch's phases and fp32 cos/sin, to see where its libm is not correctly rounded
                freqs = (rot.inv_freq.float()[None, :, None] @ pos_ids[:, None, :].float()).transpose(1, 2)[0]
                for q, got_t in (("cos", cos), ("sin", sin)):
                    if q == "sin" and not (dt_name == "fp32" and start_name == "2p20"):
                        continue
                    fn = gmpy2.cos if q == "cos" else gmpy2.sin
                    trig_torch = (freqs.cos() if q == "cos" else freqs.sin()).numpy()
                    libm_off = 0
                    for r in range(ROWS):
                        for i in range(modes):
                            ph = float(freqs[r, i])
                            with gmpy2.context(precision=400):
                                want = f32(fn(gmpy2.mpfr(ph)))
                            libm_off += float(trig_torch[r, i]) != want
                    arr = got_t[0]
                    fmt = dt_name
                    if dt_name == "bf16":
                        stored = arr.view(torch.int16).numpy().view(np.uint16).copy()
                        got = [float(v) for v in arr.float().reshape(-1)]
                    else:
                        stored = arr.numpy().copy()
                        got = [float(v) for v in stored.reshape(-1)]
                    assert stored.shape == (ROWS, d)
                    fname = f"{name}_{q}_{dt_name}_{start_name}.npy"
                    files[fname] = npy(stored)
                    want_exact, want_pipe = [], []
                    for p in positions:
                        row_exact, row_pipe = [], []
                        for i in range(modes):
                            row_exact.append(exact(fmt, lambda p=p, i=i: attention_exact(name) * fn(p * theta_exact(name, kw, i))))
                            ph = f32(Q(f32(p)) * Q(inv_emul[i]))
                            with gmpy2.context(precision=400):
                                t = f32(fn(gmpy2.mpfr(ph)))
                            t = f32(Q(t) * Q(a32))
                            row_pipe.append(rn(fmt, t))
                        want_exact += row_exact + row_exact   # cat(freqs, freqs)
                        want_pipe += row_pipe + row_pipe
                    args_cli = ["--quantity", q, "--config", name + ".json", "--pipeline", "hf",
                                "--positions", f"{start}:{start + ROWS}"]
                    ex = summary(fmt, got, want_exact)
                    pi = summary(fmt, got, want_pipe)
                    expected["arrays"].append({
                        "file": fname, "model": name, "args": args_cli, "dtype": fmt,
                        "against_exact": ex, "against_pipeline": pi, "joint": joint(fmt, got, want_exact, want_pipe),
                        "torch_trig_not_correctly_rounded_fp32": libm_off,
                        "within_tolerance": pi["max_ulps"] <= 1})
        expected["models"][name] = model_facts
    files["expected.json"] = json.dumps(expected, indent=1, sort_keys=True) + "\n"
    return write_or_check(OUT, files, check)


if __name__ == "__main__":
    bad = main("--check" in sys.argv[1:])
    if bad:
        print("differ: " + ", ".join(bad))
        sys.exit(1)
