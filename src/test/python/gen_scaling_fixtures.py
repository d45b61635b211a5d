#!/usr/bin/env python3
"""Golden fixtures: effective RoPE spectra of every scaling type, exactly as transformers computes them,
and a set of realistic and hostile config.json files.

Writes (relative to the repository root; the Java tests only READ these files and need no Python):
  src/test/resources/fixtures/scaling/<case>.csv   one per case: i, inv_freq (float32, transformers), inv_freq
                                                   (float64, this script's own transcription of the formula)
  src/test/resources/fixtures/scaling/cases.csv    one row per case: parameters and attention factor
  src/test/resources/fixtures/scaling/README.md    generated: conventions, cases, ulp comparison
  src/test/resources/fixtures/configs/*.json       config.json files (values from model-configs.csv) + hostile ones
  src/test/resources/fixtures/configs/expected.csv what transformers reads from each loadable config
  src/test/resources/fixtures/configs/README.md    generated: each file, what it exercises, source, expected outcome

    python3 -m venv /tmp/scalevenv
    /tmp/scalevenv/bin/pip install -r src/test/python/requirements-scaling.txt
    /tmp/scalevenv/bin/python src/test/python/gen_scaling_fixtures.py           # (re)write every file
    /tmp/scalevenv/bin/python src/test/python/gen_scaling_fixtures.py --check   # exit 1 if any file would change

Deterministic: no randomness, torch on one thread, sorted JSON keys, '\\n' line ends; reruns give identical
bytes.  Nothing is downloaded: every config is built in code (HF_HUB_OFFLINE=1).

Reference pipeline
------------------
transformers 5.x removed "default" from ROPE_INIT_FUNCTIONS: the default spectrum is each model's static
method <Model>RotaryEmbedding.compute_default_rope_parameters(config, device=None, **kwargs).  Every other
type is ROPE_INIT_FUNCTIONS[rope_type](config, device=None, seq_len=None, layer_type=None) -> (inv_freq, attention_factor)
with rope_type read from config.rope_parameters after transformers standardised it (so the old "type" key goes
through transformers' own mapping; Phi-3's old "su" alias fails to load in 5.18.0, see configs/README.md).  The "forward" cases instead instantiate the model's
RotaryEmbedding module and call forward(x, position_ids=arange(seq_len)), then read its inv_freq buffer and
attention_scaling: that is the path a running model takes (dynamic NTK recomputes there with a tensor seq_len).

The float64 column is this script's own transcription of each formula in numpy float64 (f64_* below).  The
script asserts |RN32(float64) - float32| <= 1 ulp for every entry and counts the 1-ulp entries per case.
"""

import argparse
import copy
import hashlib
import json
import math
import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import numpy as np  # noqa: E402
import torch  # noqa: E402
import transformers  # noqa: E402
from transformers import (  # noqa: E402
    DeepseekV2Config,
    DeepseekV3Config,
    Gemma3Config,
    Gemma3TextConfig,
    GlmConfig,
    GPTNeoXConfig,
    LlamaConfig,
    MistralConfig,
    Phi3Config,
    Qwen2Config,
)
from transformers.modeling_rope_utils import ROPE_INIT_FUNCTIONS  # noqa: E402
from transformers.models.deepseek_v2.modeling_deepseek_v2 import DeepseekV2RotaryEmbedding  # noqa: E402
from transformers.models.deepseek_v3.modeling_deepseek_v3 import DeepseekV3RotaryEmbedding  # noqa: E402
from transformers.models.gemma3.modeling_gemma3 import Gemma3RotaryEmbedding  # noqa: E402
from transformers.models.glm.modeling_glm import GlmRotaryEmbedding  # noqa: E402
from transformers.models.gpt_neox.modeling_gpt_neox import GPTNeoXRotaryEmbedding  # noqa: E402
from transformers.models.llama.modeling_llama import LlamaRotaryEmbedding  # noqa: E402
from transformers.models.mistral.modeling_mistral import MistralRotaryEmbedding  # noqa: E402
from transformers.models.phi3.modeling_phi3 import Phi3RotaryEmbedding  # noqa: E402
from transformers.models.qwen2.modeling_qwen2 import Qwen2RotaryEmbedding  # noqa: E402

transformers.logging.set_verbosity_error()
torch.set_num_threads(1)

SCRIPT = "src/test/python/gen_scaling_fixtures.py"
REGEN = ("python3 -m venv /tmp/scalevenv && /tmp/scalevenv/bin/pip install -r "
         "src/test/python/requirements-scaling.txt && /tmp/scalevenv/bin/python " + SCRIPT)
ROOT = Path(__file__).resolve().parents[3]
SCALING = ROOT / "src/test/resources/fixtures/scaling"
CONFIGS = ROOT / "src/test/resources/fixtures/configs"
VERSIONS = f"transformers {transformers.__version__}, torch {torch.__version__}, numpy {np.__version__}"
CPU = torch.backends.cpu.get_cpu_capability()     # which torch kernels computed pow (AVX512, AVX2, DEFAULT, ...)

ROTARY = {
    LlamaConfig: LlamaRotaryEmbedding, Qwen2Config: Qwen2RotaryEmbedding, MistralConfig: MistralRotaryEmbedding,
    DeepseekV3Config: DeepseekV3RotaryEmbedding, DeepseekV2Config: DeepseekV2RotaryEmbedding,
    Phi3Config: Phi3RotaryEmbedding, GPTNeoXConfig: GPTNeoXRotaryEmbedding, GlmConfig: GlmRotaryEmbedding,
    Gemma3TextConfig: Gemma3RotaryEmbedding,
}


# ----------------------------------------------------------------------------------------------- formatting
def hexf(x):
    """Normalized C99 hex float: 0x1.8p-3, 0x1p+0, -0x1.8f22f8p-1, 0x0p+0 (exact, for any finite double)."""
    x = float(x)
    if x == 0.0:
        return "-0x0p+0" if math.copysign(1.0, x) < 0 else "0x0p+0"
    if not math.isfinite(x):
        raise ValueError(f"not finite: {x}")
    sign = "-" if x < 0 else ""
    m, e = math.frexp(abs(x))            # abs(x) = m * 2^e, 0.5 <= m < 1
    bits = int(m * (1 << 53))            # exact: 53-bit integer with the top bit set
    frac = bits - (1 << 52)              # 52 fraction bits of 1.f
    h = f"{frac:013x}".rstrip("0")
    return f"{sign}0x1{'.' + h if h else ''}p{e - 1:+d}"


def num(v):
    """A parameter as transformers holds it: int stays int ('10000'), float is Python's shortest repr."""
    if v is None:
        return ""
    if isinstance(v, bool):
        raise TypeError(v)
    return str(v) if isinstance(v, int) else repr(float(v))


def cjson(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), allow_nan=False)


def csv_field(s):
    """RFC 4180 quoting, used only where the field holds a comma or a quote (params_json)."""
    if any(c in s for c in ',"\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def ordered(f32):
    """float32 -> integer such that adjacent floats differ by 1 (sign-magnitude mapped to two's complement)."""
    b = int(np.array([f32], dtype=np.float32).view(np.int32)[0])
    return b if b >= 0 else -(b & 0x7FFFFFFF)


def ulps(a32, b32):
    return ordered(a32) - ordered(b32)


# ----------------------------------------------------------------------------------------------- float64 transcriptions
# Written from the formulas (bounds.md section 3 as corrected in scaling/README.md), in float64 numpy.
# Each takes a spec dict (see CASES) and returns (inv_freq float64 array, attention factor).
def f64_pow(b, d, denom=None):
    return np.float64(b) ** (np.arange(0, d, 2, dtype=np.float64) / (denom or d))


def dyn_base64(sp):
    n = sp["mpe"] if sp["n"] is None else max(sp["n"], sp["mpe"])
    s, d = sp["s"], sp["d"]
    return sp["b"] * ((s * n / sp["mpe"]) - (s - 1)) ** (d / (d - 2))


def yarn_range(sp):
    b, d, orig = sp["b"], sp["d"], sp["orig"]

    def cdim(r):
        return d * math.log(orig / (r * 2 * math.pi)) / (2 * math.log(b))
    low, high = cdim(sp.get("beta_fast", 32)), cdim(sp.get("beta_slow", 1))
    if sp.get("truncate", True):
        low, high = math.floor(low), math.ceil(high)
    low, high = max(low, 0), min(high, d - 1)
    if low == high:
        high += 0.001
    return low, high


def yarn_attention(sp):
    if sp.get("attention_factor") is not None:
        return sp["attention_factor"]

    def g(scale, m=1.0):
        return 1.0 if scale <= 1 else 0.1 * m * math.log(scale) + 1.0
    s, ms, msa = sp["s"], sp.get("mscale"), sp.get("mscale_all_dim")
    return g(s, ms) / g(s, msa) if (ms and msa) else g(s)


def f64(sp):
    k, b, d = sp["kind"], sp["b"], sp["d"]
    if k == "default":
        return 1.0 / f64_pow(b, d), 1.0
    if k == "linear":
        return (1.0 / f64_pow(b, d)) / sp["s"], 1.0
    if k == "dynamic":
        return 1.0 / f64_pow(dyn_base64(sp), d), 1.0
    if k == "yarn":
        pos = f64_pow(b, d)
        extrap, interp = 1.0 / pos, 1.0 / (sp["s"] * pos)
        low, high = yarn_range(sp)
        ramp = np.clip((np.arange(d // 2, dtype=np.float64) - low) / (high - low), 0.0, 1.0)
        w = 1.0 - ramp                                   # extrapolation weight
        return interp * (1.0 - w) + extrap * w, yarn_attention(sp)
    if k == "llama3":
        s, lo, hi, orig = sp["s"], sp["lo"], sp["hi"], sp["orig"]
        inv = 1.0 / f64_pow(b, d)
        wl = 2 * math.pi / inv
        out = np.where(wl > orig / lo, inv / s, inv)
        g = (orig / wl - lo) / (hi - lo)
        smooth = (1 - g) * out / s + g * out
        medium = ~(wl < orig / hi) & ~(wl > orig / lo)
        return np.where(medium, smooth, out), 1.0
    if k == "longrope":
        s, orig = sp["s"], sp["orig"]
        att = 1.0 if s <= 1.0 else math.sqrt(1 + math.log(s) / math.log(orig))
        return 1.0 / (np.array(sp["factors"], dtype=np.float64) * f64_pow(b, d)), att
    if k == "proportional":
        hd = sp["head_dim"]
        angles = int(sp["prop"] * hd // 2)
        rot = 1.0 / f64_pow(b, 2 * angles, denom=hd)
        return np.concatenate([rot, np.zeros(hd // 2 - angles)]) / sp.get("s", 1.0), 1.0
    raise ValueError(k)


# ----------------------------------------------------------------------------------------------- float32 emulation
# The same formulas op by op in float32, in the order and association transformers' code uses, with Python scalars
# rounded to float32 where they meet a tensor.  Only the pow itself is delegated to torch (float32 Sleef powf on
# x86; see the rope fixtures' README), everything else is numpy float32 (IEEE, correctly rounded per op).  The
# script asserts this emulation equals transformers bit for bit: that proves every difference from the float64
# column is float32 rounding, not a different formula.
F = np.float32


def t_pow(b, d, denom=None):
    exps = torch.arange(0, d, 2, dtype=torch.int64).float() / (denom or d)
    return (b ** exps).numpy()


def rdiv(scalar, x):
    """torch's `scalar / tensor` is Tensor.__rtruediv__ = tensor.reciprocal() * scalar (two float32 roundings)."""
    return (F(1) / x) * F(scalar)


def e32(sp):
    k, b, d = sp["kind"], sp["b"], sp["d"]
    if k == "default":
        return rdiv(1.0, t_pow(b, d))
    if k == "linear":
        return rdiv(1.0, t_pow(b, d)) / F(sp["s"])
    if k == "dynamic":
        if not sp.get("forward"):
            return rdiv(1.0, t_pow(dyn_base64(sp), d))
        s, mpe = sp["s"], sp["mpe"]
        n32 = F(max(sp["n"], mpe))
        t = (F(s) * n32) / F(mpe) - F(s - 1)
        t = torch.from_numpy(np.array(t, dtype=F)) ** (d / (d - 2))     # float32 pow(Tensor, Scalar)
        b32 = (F(b) * t.numpy()).astype(F)
        return rdiv(1.0, t_pow(torch.from_numpy(np.array(b32)), d))
    if k == "yarn":
        pos = t_pow(b, d)
        extrap = rdiv(1.0, pos)
        interp = rdiv(1.0, F(sp["s"]) * pos)
        low, high = yarn_range(sp)
        lin = (np.arange(d // 2, dtype=F) - F(low)) / F(high - low)
        ef = F(1) - np.clip(lin, F(0), F(1))
        return interp * (F(1) - ef) + extrap * ef
    if k == "llama3":
        s, lo, hi, orig = sp["s"], sp["lo"], sp["hi"], sp["orig"]
        inv = rdiv(1.0, t_pow(b, d))
        wl = rdiv(2 * math.pi, inv)
        out = np.where(wl > F(orig / lo), inv / F(s), inv)
        g = (rdiv(orig, wl) - F(lo)) / F(hi - lo)
        smooth = ((F(1) - g) * out) / F(s) + g * out
        medium = ~(wl < F(orig / hi)) & ~(wl > F(orig / lo))
        return np.where(medium, smooth, out)
    if k == "longrope":
        return rdiv(1.0, np.array(sp["factors"], dtype=F) * t_pow(b, d))
    if k == "proportional":
        hd = sp["head_dim"]
        angles = int(sp["prop"] * hd // 2)
        rot = rdiv(1.0, t_pow(b, 2 * angles, denom=hd))
        return np.concatenate([rot, np.zeros(hd // 2 - angles, dtype=F)]) / F(sp.get("s", 1.0))
    raise ValueError(k)


# ----------------------------------------------------------------------------------------------- synthetic longrope lists
# SYNTHETIC: model-configs.csv does not carry Microsoft's published Phi-3 short_factor/long_factor lists, so these
# 48-entry lists are made up (smooth, increasing, decimals that are not exact in float32 so that the float32
# rounding of each factor is exercised).  They are NOT Phi-3's values.
SYNTH_SHORT = [round(1.0 + i / 100, 2) for i in range(48)]                 # 1.0, 1.01, ..., 1.47
SYNTH_LONG = [round(1.0 + i * i / 50, 2) for i in range(48)]               # 1.0, 1.02, 1.08, ..., 45.18


# ----------------------------------------------------------------------------------------------- scaling cases
def llama(hidden, heads, mpe, theta, scaling=None, **extra):
    kw = {"hidden_size": hidden, "num_attention_heads": heads, "max_position_embeddings": mpe, "rope_theta": theta}
    if scaling is not None:
        kw["rope_scaling"] = scaling
    kw.update(extra)
    return kw


LLAMA31 = {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
           "original_max_position_embeddings": 8192}
LLAMA32 = dict(LLAMA31, factor=32.0)
PHI3 = {"hidden_size": 3072, "num_attention_heads": 32, "max_position_embeddings": 131072,
        "original_max_position_embeddings": 4096, "rope_theta": 10000.0,
        "rope_scaling": {"type": "longrope", "short_factor": SYNTH_SHORT, "long_factor": SYNTH_LONG}}
DSV3 = {"type": "yarn", "factor": 40, "beta_fast": 32, "beta_slow": 1, "mscale": 1.0, "mscale_all_dim": 1.0,
        "original_max_position_embeddings": 4096}
DSV2 = dict(DSV3, mscale=0.707, mscale_all_dim=0.707)
GEMMA3 = {"head_dim": 256, "num_attention_heads": 16, "num_key_value_heads": 8, "num_hidden_layers": 48,
          "max_position_embeddings": 131072, "rope_theta": 1000000.0, "rope_local_base_freq": 10000.0,
          "rope_scaling": {"rope_type": "linear", "factor": 8.0}, "sliding_window": 1024, "sliding_window_pattern": 6}
DYN = llama(4096, 32, 4096, 10000.0, {"rope_type": "dynamic", "factor": 2.0})

# Why some cases exceed 1 ulp between transformers' float32 and RN32(float64 formula) (the emulation check
# above proves each is float32 rounding):
WHY_D96 = ("d = 96 is not a power of two, so the float32 exponent RN32(2i/96) is inexact; the pow amplifies "
           "its error by ln(b)*e, and the float32 factor and product add more")
WHY_D24 = ("d = 24 is not a power of two, so the float32 exponent RN32(2i/24) is inexact and the pow amplifies "
           "its error by ln(b)*e")
WHY_LLAMA3 = ("the medium band interpolates with g = (orig/wavelen - lo)/(hi - lo) computed in float32 from "
              "wavelen = 2*pi/inv (float32 2*pi, reciprocal then product): g carries a few ulps of error and "
              "(1-g)*inv/s + g*inv passes it on")
WHY_FWD = ("the forward path computes base' in float32 tensor arithmetic: 0x1.92ffb4p+15 instead of "
           "RN32(float64 base') = 0x1.92ffb6p+15 (1 ulp low)")


def C(name, cls, kw, spec, method="init", seq_len=None, layer_type=None, note="", tol=1, why=""):
    """tol: the largest |ulp| difference allowed between RN32(float64 formula) and transformers' float32 value;
    1 unless a documented reason (why) says otherwise."""
    return {"name": name, "cls": cls, "kw": kw, "spec": spec, "method": method, "seq_len": seq_len,
            "layer_type": layer_type, "note": note, "tol": tol, "why": why}


def dyn(n, forward=False):
    return {"kind": "dynamic", "b": 10000.0, "d": 128, "s": 2.0, "mpe": 4096, "n": n, "forward": forward}


CASES = [
    C("default_b10000_d128", LlamaConfig, llama(4096, 32, 4096, 10000.0), {"kind": "default", "b": 10000.0, "d": 128},
      note="rope_type default: LlamaRotaryEmbedding.compute_default_rope_parameters (not in ROPE_INIT_FUNCTIONS)"),
    C("linear_f4_b10000_d128", LlamaConfig, llama(4096, 32, 4096, 10000.0, {"rope_type": "linear", "factor": 4.0}),
      {"kind": "linear", "b": 10000.0, "d": 128, "s": 4.0}),
    C("linear_type_alias_f4", LlamaConfig, llama(4096, 32, 4096, 10000.0, {"type": "linear", "factor": 4.0}),
      {"kind": "linear", "b": 10000.0, "d": 128, "s": 4.0},
      note="old alias: 'type' instead of 'rope_type'; standardize_rope_params copies it to rope_type"),
    C("dynamic_f2_seq2048", LlamaConfig, DYN, dyn(2048), seq_len=2048,
      note="seq_len < mpe: raised to mpe, base unchanged"),
    C("dynamic_f2_seq4096", LlamaConfig, DYN, dyn(4096), seq_len=4096,
      note="seq_len = mpe: base * 1^(64/63) = base"),
    C("dynamic_f2_seq8192", LlamaConfig, DYN, dyn(8192), seq_len=8192, note="2x mpe: base' = base * 3^(64/63)"),
    C("dynamic_f2_seq16384", LlamaConfig, DYN, dyn(16384), seq_len=16384, note="4x mpe: base' = base * 7^(64/63)"),
    C("dynamic_f2_seq12345", LlamaConfig, DYN, dyn(12345), seq_len=12345,
      note="Python int seq_len: base' computed in Python float64, then rounded to float32 by torch.pow"),
    C("dynamic_f2_forward_seq12345", LlamaConfig, DYN, dyn(12345, True), method="forward", seq_len=12345, tol=2,
      why=WHY_FWD,
      note="module forward path: seq_len = max(position_ids)+1 is a tensor, so base' is float32 tensor arithmetic; "
           "the spectrum differs from dynamic_f2_seq12345"),
    C("dynamic_f2_forward_seq16384", LlamaConfig, DYN, dyn(16384, True), method="forward", seq_len=16384,
      note="module forward path at 4x mpe (float32 base' happens to be exact here)"),
    C("yarn_qwen25_f4", Qwen2Config,
      {"hidden_size": 3584, "num_attention_heads": 28, "max_position_embeddings": 32768, "rope_theta": 1000000.0,
       "rope_scaling": {"factor": 4.0, "original_max_position_embeddings": 32768, "type": "yarn"}},
      {"kind": "yarn", "b": 1000000.0, "d": 128, "s": 4.0, "orig": 32768},
      note="Qwen2.5-7B-Instruct with the rope_scaling block Qwen's README documents"),
    C("yarn_deepseek_v3_f40", DeepseekV3Config,
      {"qk_rope_head_dim": 64, "qk_nope_head_dim": 128, "v_head_dim": 128, "max_position_embeddings": 163840,
       "rope_theta": 10000, "rope_scaling": DSV3},
      {"kind": "yarn", "b": 10000.0, "d": 64, "s": 40.0, "orig": 4096, "mscale": 1.0, "mscale_all_dim": 1.0},
      note="DeepSeek-V3: d = qk_rope_head_dim = 64; attention_factor = 1.0 because mscale == mscale_all_dim"),
    C("yarn_deepseek_v2_f40", DeepseekV2Config,
      {"qk_rope_head_dim": 64, "qk_nope_head_dim": 128, "v_head_dim": 128, "max_position_embeddings": 163840,
       "rope_theta": 10000, "rope_scaling": DSV2},
      {"kind": "yarn", "b": 10000.0, "d": 64, "s": 40.0, "orig": 4096, "mscale": 0.707, "mscale_all_dim": 0.707},
      note="DeepSeek-V2: mscale = mscale_all_dim = 0.707"),
    C("llama3_31_f8_d128", LlamaConfig, llama(4096, 32, 131072, 500000.0, LLAMA31),
      {"kind": "llama3", "b": 500000.0, "d": 128, "s": 8.0, "lo": 1.0, "hi": 4.0, "orig": 8192},
      note="Llama 3.1 8B", tol=3, why=WHY_LLAMA3),
    C("llama3_32_1b_f32_d64", LlamaConfig, llama(2048, 32, 131072, 500000.0, LLAMA32, head_dim=64),
      {"kind": "llama3", "b": 500000.0, "d": 64, "s": 32.0, "lo": 1.0, "hi": 4.0, "orig": 8192},
      note="Llama 3.2 1B (head_dim 64)", tol=3, why=WHY_LLAMA3),
    C("llama3_32_3b_f32_d128", LlamaConfig, llama(3072, 24, 131072, 500000.0, LLAMA32),
      {"kind": "llama3", "b": 500000.0, "d": 128, "s": 32.0, "lo": 1.0, "hi": 4.0, "orig": 8192},
      note="Llama 3.2 3B (3072/24)", tol=6, why=WHY_LLAMA3),
    C("longrope_phi3_synthetic_short", Phi3Config, PHI3,
      {"kind": "longrope", "b": 10000.0, "d": 96, "factors": SYNTH_SHORT, "s": 32.0, "orig": 4096}, seq_len=4096,
      note="SYNTHETIC factor lists; seq_len 4096 = original_max_position_embeddings -> short_factor",
      tol=4, why=WHY_D96),
    C("longrope_phi3_synthetic_long", Phi3Config, PHI3,
      {"kind": "longrope", "b": 10000.0, "d": 96, "factors": SYNTH_LONG, "s": 32.0, "orig": 4096}, seq_len=131072,
      note="SYNTHETIC factor lists; seq_len 131072 > 4096 -> long_factor", tol=5, why=WHY_D96),
    C("longrope_phi3_synthetic_forward_seq4097", Phi3Config, PHI3,
      {"kind": "longrope", "b": 10000.0, "d": 96, "factors": SYNTH_LONG, "s": 32.0, "orig": 4096},
      method="forward", seq_len=4097,
      note="SYNTHETIC factor lists; module forward with 4097 positions switches to long_factor", tol=5, why=WHY_D96),
    C("partial_gptneox_pct025_hd128", GPTNeoXConfig,
      {"hidden_size": 4096, "num_attention_heads": 32, "max_position_embeddings": 2048, "rotary_pct": 0.25,
       "rotary_emb_base": 10000},
      {"kind": "default", "b": 10000.0, "d": 32},
      note="Pythia-6.9B shape: head_dim 128, rotary_pct 0.25 -> d = 32"),
    C("partial_gptneox20b_pct025_hd96", GPTNeoXConfig,
      {"hidden_size": 6144, "num_attention_heads": 64, "max_position_embeddings": 2048, "rotary_pct": 0.25,
       "rotary_emb_base": 10000},
      {"kind": "default", "b": 10000.0, "d": 24},
      note="GPT-NeoX-20B: head_dim 96, rotary_pct 0.25 -> d = 24", tol=3, why=WHY_D24),
    C("partial_glm4_hf_f05_hd128", GlmConfig,
      {"head_dim": 128, "num_attention_heads": 32, "hidden_size": 4096, "max_position_embeddings": 131072,
       "partial_rotary_factor": 0.5, "rope_theta": 5000000.0},
      {"kind": "default", "b": 5000000.0, "d": 64},
      note="GLM-4-9B-chat in transformers' own format: rope_theta = 10000 * rope_ratio 500 (converter formula), "
           "partial_rotary_factor 0.5 -> d = 64"),
    C("gemma3_global_linear8", Gemma3TextConfig, GEMMA3, {"kind": "linear", "b": 1000000.0, "d": 256, "s": 8.0},
      layer_type="full_attention", note="Gemma 3 global (full_attention) layers: rope_theta 1e6, linear factor 8"),
    C("gemma3_local_default", Gemma3TextConfig, GEMMA3, {"kind": "default", "b": 10000.0, "d": 256},
      layer_type="sliding_attention", note="Gemma 3 sliding-window layers: rope_local_base_freq 10000, no scaling"),
    C("proportional_pf025_hd128", LlamaConfig,
      llama(4096, 32, 4096, 10000.0, {"rope_type": "proportional", "partial_rotary_factor": 0.25}),
      {"kind": "proportional", "b": 10000.0, "d": 128, "head_dim": 128, "prop": 0.25},
      note="transformers-only type 'proportional': exponent 2i/head_dim (not 2i/d), zeros for the unrotated "
           "pairs; dim column = head_dim"),
]


def build_config(case):
    return case["cls"](**copy.deepcopy(case["kw"]))


def rope_params(cfg, layer_type):
    rp = cfg.rope_parameters
    return rp[layer_type] if layer_type is not None else rp


def run_transformers(case):
    """Returns (inv_freq float32 numpy, attention_factor python float, config, call description)."""
    cfg = build_config(case)
    rot_cls = ROTARY[case["cls"]]
    lt = case["layer_type"]
    rp = rope_params(cfg, lt)
    rope_type = rp["rope_type"]
    if case["method"] == "forward":
        mod = rot_cls(cfg)
        pos = torch.arange(case["seq_len"], dtype=torch.int64)[None, :]
        x = torch.zeros(1, dtype=torch.float32)
        mod(x, pos) if lt is None else mod(x, pos, lt)
        prefix = "" if lt is None else f"{lt}_"
        inv = getattr(mod, f"{prefix}inv_freq")
        att = mod.attention_scaling if lt is None else getattr(mod, f"{lt}_attention_scaling")
        call = (f"{rot_cls.__name__}(config).forward(x, position_ids=arange({case['seq_len']})[None]); "
                f"read .inv_freq and .attention_scaling")
    else:
        kwargs = {}
        if case["seq_len"] is not None:
            kwargs["seq_len"] = case["seq_len"]
        if lt is not None:
            kwargs["layer_type"] = lt
        if rope_type == "default":
            inv, att = rot_cls.compute_default_rope_parameters(cfg, **kwargs)
            call = f"{rot_cls.__name__}.compute_default_rope_parameters(config{fmt_kwargs(kwargs)})"
        else:
            inv, att = ROPE_INIT_FUNCTIONS[rope_type](cfg, None, **kwargs)
            call = f"ROPE_INIT_FUNCTIONS[{rope_type!r}](config, None{fmt_kwargs(kwargs)})"
    assert inv.dtype == torch.float32, inv.dtype
    return inv.detach().numpy().astype(np.float32), float(att), cfg, rp, call


def fmt_kwargs(kw):
    return "".join(f", {k}={v!r}" for k, v in kw.items())


def gen_scaling(isa=None):
    files = {}
    rows = ["case,rope_type,base,dim,max_position_embeddings,original_max_position_embeddings,factor,"
            "params_json,seq_len,attention_factor_hex"]
    report = []
    for case in CASES:
        inv32, att, cfg, rp, call = run_transformers(case)
        inv64, att64 = f64(case["spec"])
        emu = e32(case["spec"]).astype(np.float32)
        assert inv64.shape == inv32.shape == emu.shape, (case["name"], inv64.shape, inv32.shape, emu.shape)
        assert emu.tobytes() == inv32.tobytes(), (
            f"{case['name']}: float32 op-by-op emulation differs from transformers at "
            f"{[i for i in range(len(emu)) if emu[i] != inv32[i]]}")
        r32 = inv64.astype(np.float32)
        diffs = [ulps(a, b) for a, b in zip(inv32, r32)]
        bad = [(i, d) for i, d in enumerate(diffs) if abs(d) > case["tol"]]
        assert not bad, f"{case['name']}: float32 vs RN32(float64) differ by more than {case['tol']} ulp at {bad}"
        assert case["tol"] == 1 or max(abs(d) for d in diffs) == case["tol"], (case["name"], "tol is not tight")
        assert att == att64, f"{case['name']}: attention factor {att!r} (transformers) != {att64!r} (float64)"
        one = [i for i, d in enumerate(diffs) if d != 0]
        report.append((case, one, diffs, inv32, inv64, att, rp, cfg, call))

        rope_type = rp["rope_type"]
        dim = cfg.head_dim if rope_type == "proportional" else 2 * len(inv32)
        header = (f"# {SCRIPT} | {VERSIONS} | torch CPU capability {CPU} | case {case['name']} | {case['cls'].__name__}"
                  f"({cjson(case['kw'])}) | {call} | {case['note']} | regenerate: {REGEN}")
        lines = [header, "i,inv_freq_fp32_hex,inv_freq_fp64_hex"]
        for i in range(len(inv32)):
            lines.append(f"{i},{hexf(inv32[i])},{hexf(inv64[i])}")
        files[SCALING / f"{case['name']}.csv"] = "\n".join(lines) + "\n"

        rows.append(",".join([
            case["name"], rope_type, num(rp["rope_theta"]), str(dim), str(cfg.max_position_embeddings),
            num(rp.get("original_max_position_embeddings")), num(rp.get("factor")),
            csv_field(cjson(rp)), "" if case["seq_len"] is None else str(case["seq_len"]), hexf(att)]))
    files[SCALING / "cases.csv"] = "\n".join(rows) + "\n"
    files[SCALING / "README.md"] = scaling_readme(report, isa or {})
    return files, report


def scaling_readme(report, isa):
    out = [
        "# Effective RoPE spectra of every scaling type (transformers golden fixtures)",
        "",
        f"Generated by `{SCRIPT}` with {VERSIONS} (CPU, one thread). Do not edit by hand. The Java tests only",
        "read these files.",
        "",
        "## Regenerate",
        "",
        "```sh",
        "python3 -m venv /tmp/scalevenv",
        "/tmp/scalevenv/bin/pip install -r src/test/python/requirements-scaling.txt",
        f"/tmp/scalevenv/bin/python {SCRIPT}          # rewrite the files (identical bytes on rerun)",
        f"/tmp/scalevenv/bin/python {SCRIPT} --check  # exit 1 if any file would change",
        "```",
        "",
        "## Files",
        "",
        "* `<case>.csv`: line 1 is a `#` comment with the script, the versions, the config class and the exact",
        "  keyword arguments given to it (compact JSON), the transformers call that produced the values, a note, and",
        "  the regenerate command. Line 2 is `i,inv_freq_fp32_hex,inv_freq_fp64_hex`. One row per rotary pair i.",
        "  * `inv_freq_fp32_hex`: what transformers returns (a float32 tensor).",
        "  * `inv_freq_fp64_hex`: the same formula evaluated by this script in float64 numpy (its own transcription,",
        "    `f64()` in the script). The table below lists every entry where RN32(float64) is not the float32 value.",
        "",
        "The script asserts, for every case:",
        "",
        "1. a float32 op-by-op emulation of the formula (`e32()`: numpy float32 for every operation, in transformers'",
        "   order and association, Python scalars rounded to float32 where they meet a tensor; only the pow",
        "   `base ** exponent` is delegated to torch) equals transformers' float32 array **bit for bit**;",
        "2. |RN32(float64 formula) - float32| <= 1 ulp per entry, except in the cases the table marks with a larger",
        "   bound and a reason (the bound is tight: the largest difference observed). With (1) this shows those",
        "   differences are float32 rounding inside transformers' arithmetic, not a different formula;",
        "3. the attention factor transformers returns equals the float64 transcription exactly.",
        "* `cases.csv`: `case,rope_type,base,dim,max_position_embeddings,original_max_position_embeddings,factor,"
        "params_json,seq_len,attention_factor_hex`.",
        "  * `rope_type`, `base` (= `rope_theta`), `original_max_position_embeddings`, `factor`: read back from",
        "    `config.rope_parameters` after transformers standardised it (ints stay ints, e.g. DeepSeek's `10000`",
        "    and `40`). Empty when absent.",
        "  * `dim`: the rotary dimension d transformers used (2 x number of rows), except for `proportional`,",
        "    where it is head_dim (see below).",
        "  * `params_json`: the standardised `rope_parameters` dict (for Gemma 3: the dict of that layer type) as",
        "    compact JSON with sorted keys. It holds commas, so this one field is quoted RFC-4180 style",
        '    (`"` around it, inner `"` doubled). No other field is quoted.',
        "  * `seq_len`: the `seq_len` given to the init function (or the number of positions given to forward);",
        "    empty when none was given (init time).",
        "  * `attention_factor_hex`: the Python float transformers returns (cos and sin are multiplied by it).",
        "",
        "Hex floats are normalized C99 form: `0x1.8p-3`, a leading `0x1.`, trailing zeros of the fraction removed,",
        "`0x1p+0` when the fraction is zero, exponent with explicit sign, `0x0p+0` for zero. ASCII, `\\n` line ends.",
        "",
        "## How transformers computes each spectrum (transformers 5.18.0, as read from its source)",
        "",
        "`ROPE_INIT_FUNCTIONS` (in `transformers.modeling_rope_utils`) maps `linear, dynamic, yarn, longrope, llama3,",
        "proportional` to functions `fn(config, device=None, seq_len=None, layer_type=None) -> (inv_freq, attention_factor)`.",
        "There is no `default` entry: the default spectrum is the model's",
        "`<Model>RotaryEmbedding.compute_default_rope_parameters(config, device=None, **kwargs)`. Every function",
        "reads `config.rope_parameters` (after `config.standardize_rope_params()`), plus `head_dim` (or",
        "`hidden_size // num_attention_heads`) and `max_position_embeddings` from the config. All tensors are",
        "float32; the scalar parameters are Python floats (float64) until they meet a tensor.",
        "",
        "* every type: `dim = int(head_dim * partial_rotary_factor)` (truncation, not rounding);",
        "  `inv = 1.0 / (base ** (arange(0, dim, 2) / dim))` in float32 (base rounded to float32 by `torch.pow`).",
        "  A Python scalar divided by a tensor, `a / t`, is `t.reciprocal() * a`: two float32 roundings (exact",
        "  for a = 1.0, not for `2*math.pi / inv` or `orig / wavelen` in llama3). Python scalars that meet a",
        "  float32 tensor are rounded to float32 (2*pi becomes 0x1.921fb6p+2).",
        "* linear: `inv /= factor`.",
        "* dynamic: `seq_len = max(seq_len, max_position_embeddings)` (None -> max_position_embeddings);",
        "  `base = base * ((factor * seq_len / max_position_embeddings) - (factor - 1)) ** (dim / (dim - 2))`.",
        "  The reference length is `config.max_position_embeddings` (there is no original_max_position_embeddings).",
        "  With a Python int seq_len this is float64 arithmetic; in a running model `seq_len = max(position_ids)+1`",
        "  is a tensor and the whole expression is float32 (case `dynamic_f2_forward_seq12345` differs from",
        "  `dynamic_f2_seq12345`).",
        "* yarn: `pos = base ** (arange(0, dim, 2) / dim)`; `extrap = 1/pos`; `interp = 1/(factor*pos)` (one float32",
        "  product then a reciprocal, not `extrap/factor`); correction dims",
        "  `dim*ln(orig/(r*2*pi)) / (2*ln(base))` for r = beta_fast, beta_slow (defaults 32, 1 via `or`), floor/ceil",
        "  when `truncate` (default True), clamped to `[0, dim-1]`; `ramp = clamp((arange(dim//2) - low)/(high - low),",
        "  0, 1)` (high += 0.001 when equal); `w = 1 - ramp`; `inv = interp*(1-w) + extrap*w`. Attention factor:",
        "  `attention_factor` if given; else `get_mscale(factor, mscale)/get_mscale(factor, mscale_all_dim)` when both",
        "  are truthy; else `get_mscale(factor)`, with `get_mscale(s, m=1) = 1.0 if s <= 1 else 0.1*m*ln(s)+1`.",
        "  `factor` None -> `max_position_embeddings / original_max_position_embeddings`.",
        "* llama3: `wavelen = 2*pi/inv`; `where(wavelen > orig/low, inv/factor, inv)`; `smooth = (orig/wavelen - low)",
        "  / (high - low)`; medium = not(wavelen < orig/high) and not(wavelen > orig/low) takes",
        "  `(1-smooth)*inv/factor + smooth*inv`.",
        "* longrope: `ext = tensor(long_factor if seq_len and seq_len > orig else short_factor, float32)`;",
        "  `inv = 1.0 / (ext * base ** (arange(0, dim, 2)/dim))`. Attention factor from `factor` if given, else",
        "  `max_position_embeddings / original_max_position_embeddings` (NOT the runtime sequence length):",
        "  `1.0 if s <= 1 else sqrt(1 + ln(s)/ln(orig))`. At init seq_len is None, so the short list is used; the",
        "  forward pass recomputes with the long list as soon as `max(position_ids)+1 > orig`.",
        "* proportional: `angles = int(partial_rotary_factor * head_dim // 2)`; `inv = 1/(base ** (arange(0, 2*angles,",
        "  2) / head_dim))` followed by `head_dim//2 - angles` zeros, then `/= factor` (default 1.0).",
        "",
        "## Where bounds.md section 3 differs from transformers' code",
        "",
        "* Partial rotary: bounds.md says `d = round(head_dim * fraction)`; the code truncates,",
        "  `dim = int(head_dim * partial_rotary_factor)` (e.g. 96 x 0.3 = 28.8 gives 28, round gives an odd 29).",
        "* Dynamic NTK: bounds.md divides by `L_orig`; the code divides by `config.max_position_embeddings` (there",
        "  is no original length for dynamic; an `original_max_position_embeddings` key is ignored). In a running",
        "  model the base is recomputed only when the sequence grows past the largest length seen so far and is",
        "  reset only when `seq_len < max_position_embeddings`: after a 16384-token call, an 8192-token call keeps",
        "  the 16384 spectrum (checked with LlamaRotaryEmbedding), so the spectrum depends on call history.",
        "* NTK-aware static (`b' = b * s^(d/(d-2))`): no such rope_type exists in transformers 5.18.0.",
        "* YaRN: `interp = 1/(factor*pos)` rather than `theta_i/s` (same real number, different float32",
        "  rounding); the floor/ceil is skipped when `truncate` is false (a key bounds.md does not mention);",
        "  `factor` None falls back to `max_position_embeddings/original_max_position_embeddings`; the mscale ratio",
        "  is used when `mscale and mscale_all_dim` are truthy (0 counts as unset) and `get_mscale` returns 1.0 for",
        "  factor <= 1 in every branch; beta_fast/beta_slow fall back to 32/1 through `or` (0 counts as unset).",
        "  The attention factor multiplies cos and sin, so attention logits scale by its square. DeepSeek-V3 in",
        "  transformers additionally multiplies the softmax scale by `yarn_get_mscale(factor, mscale_all_dim)**2`",
        "  (= (0.1*ln 40 + 1)^2 = 1.8739 for V3) in the attention module, outside ROPE_INIT_FUNCTIONS.",
        "* LongRoPE: the attention factor's s is `factor` if given, else `max_position_embeddings /",
        "  original_max_position_embeddings` (32 for Phi-3-mini-128k), never the runtime context length; it is",
        "  applied in both the short and the long regime.",
        "* llama3: matches bounds.md (the medium band includes both boundaries, where the formula is continuous).",
        "",
        "## Cases",
        "",
        "| case | rope_type | base | d | attention factor | entries | max ulp | entries where fp32 - RN32(fp64) != 0 (ulps) | note |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    total_one = 0
    for case, one, diffs, inv32, inv64, att, rp, cfg, call in report:
        total_one += len(one)
        dim = cfg.head_dim if rp["rope_type"] == "proportional" else 2 * len(inv32)
        ones = "none" if not one else ", ".join(f"i={i} ({diffs[i]:+d})" for i in one)
        text = (case["note"] + "." if case["note"] else "") + (
            f" Over 1 ulp because {case['why']}." if case["why"] else "")
        out.append(f"| `{case['name']}` | {rp['rope_type']} | {num(rp['rope_theta'])} | {dim} | {att!r} | "
                   f"{len(inv32)} | {max(abs(x) for x in diffs)} | {ones} | {text.strip()} |")
    out += [
        "",
        f"In total {total_one} of {sum(len(r[3]) for r in report)} entries differ between transformers' float32 value",
        "and the float64 formula rounded to float32 (sign: fp32 minus RN32(fp64)). A Java implementation that",
        "evaluates the formulas exactly (or in float64) and rounds once will match transformers only to these",
        "tolerances; to match it bit for bit it must repeat the float32 operation sequence of `e32()`, with",
        "torch's float32 pow.",
        "",
        "The dynamic effective bases (float64 formula, as Python computes it for an int seq_len):",
        "",
    ]
    for n in (2048, 4096, 8192, 16384, 12345):
        b2 = dyn_base64(dyn(n))
        out.append(f"* seq_len {n}: base' = {b2!r} = `{hexf(b2)}`")
    out += [
        "",
        "**Synthetic data.** The `longrope_*` cases use made-up 48-entry `short_factor`/`long_factor` lists",
        "(`short[i] = 1 + i/100`, `long[i] = round(1 + i*i/50, 2)`): model-configs.csv does not carry Microsoft's",
        "published lists. All other parameters of those cases are Phi-3-mini-128k-instruct's (rope_theta 10000,",
        "hidden 3072 / 32 heads = head_dim 96, max_position_embeddings 131072, original 4096).",
        "",
        f"**CPU kernels.** Generated with torch CPU capability {CPU}. `torch.pow` on x86 is Sleef's vectorized",
        "powf with AVX2/AVX512 kernels and the scalar `std::pow` with `ATEN_CPU_CAPABILITY=default` (see the rope",
        "fixtures' README). The generator reruns itself under other capabilities (all assertions hold under each)",
        "and compares the data lines (the `#` header names the capability):",
        "",
    ] + [f"* `ATEN_CPU_CAPABILITY={cap}`: " + (("the float32 values differ in " + ", ".join(f"`{c}`" for c in diff))
                                               if diff else "identical float32 values in every case")
         for cap, diff in sorted(isa.items())] + [
        "",
        "So the float32 column is what x86 AVX2/AVX512 torch builds return; another pow kernel moves some",
        "entries (still within the tolerances above), and tests comparing another implementation with the float32",
        "column should allow for that.",
        "",
    ]
    return "\n".join(out)


# ----------------------------------------------------------------------------------------------- config.json files
def synth_note(kind):
    return (f"FIXTURE NOTE: short_factor and long_factor are SYNTHETIC 48-entry lists made up for tests "
            f"(model-configs.csv does not carry Microsoft's published lists); every other value is from "
            f"model-configs.csv. rope_scaling type '{kind}'.")


# name -> (dict, what it exercises, source, expected outcome)
REAL = [
    ("llama-1-7b-no-rope-theta.json",
     {"architectures": ["LlamaForCausalLM"], "hidden_size": 4096, "max_position_embeddings": 2048,
      "model_type": "llama", "num_attention_heads": 32, "num_hidden_layers": 32, "torch_dtype": "float16"},
     "LLaMA-1 HF conversion: no rope_theta key at all; the implementation default 10000 applies "
     "(failures.md A2: a missing rope_theta silently gives 10000)",
     "model-configs.csv `LLaMA-1 7B` (huggyllama/llama-7b conversion; theta default from meta-llama/llama "
     "precompute_freqs_cis(theta=10000.0))",
     "b = 10000 (DEFAULTED: the tool should say the key is absent and the default was applied), d = 4096/32 = 128, "
     "L = 2048, N = 32, no scaling"),
    ("llama-1-65b-max-sequence-length.json",
     {"architectures": ["LlamaForCausalLM"], "hidden_size": 8192, "max_sequence_length": 2048,
      "model_type": "llama", "num_attention_heads": 64, "num_hidden_layers": 80, "torch_dtype": "float16"},
     "LLaMA-1 65B conversion: no rope_theta and no max_position_embeddings (the context is under "
     "max_sequence_length, which transformers does not read)",
     "model-configs.csv `LLaMA-1 65B` (huggyllama/llama-65b)",
     "b = 10000 (defaulted), d = 8192/64 = 128, N = 80; max_position_embeddings ABSENT: the tool must not invent it "
     "(transformers silently uses LlamaConfig's class default 2048); it may report max_sequence_length 2048 "
     "as a labelled fallback"),
    ("llama-2-7b.json",
     {"architectures": ["LlamaForCausalLM"], "hidden_size": 4096, "max_position_embeddings": 4096,
      "model_type": "llama", "num_attention_heads": 32, "num_hidden_layers": 32, "rope_scaling": None,
      "rope_theta": 10000.0, "torch_dtype": "float16"},
     "plain RoPE, explicit rope_theta, rope_scaling null",
     "model-configs.csv `Llama-2-7B` (mirrors with _name_or_path meta-llama/Llama-2-7b-hf)",
     "b = 10000.0, d = 128, L = 4096, N = 32, rope_scaling null = no scaling"),
    ("codellama-7b.json",
     {"architectures": ["LlamaForCausalLM"], "hidden_size": 4096, "max_position_embeddings": 16384,
      "model_type": "llama", "num_attention_heads": 32, "num_hidden_layers": 32, "rope_scaling": None,
      "rope_theta": 1000000, "torch_dtype": "bfloat16"},
     "rope_theta written as a JSON integer (1000000, no decimal point); base raised instead of scaling",
     "model-configs.csv `Code Llama 7B` (loubnabnl/CodeLlama-7b-hf HF-staff conversion)",
     "b = 1000000 (integer accepted as a number), d = 128, L = 16384, N = 32, no scaling"),
    ("mistral-7b-v0.1.json",
     {"architectures": ["MistralForCausalLM"], "hidden_size": 4096, "max_position_embeddings": 32768,
      "model_type": "mistral", "num_attention_heads": 32, "num_hidden_layers": 32, "num_key_value_heads": 8,
      "rope_theta": 10000.0, "sliding_window": 4096, "torch_dtype": "bfloat16"},
     "sliding-window attention: max_position_embeddings 32768 but each layer attends to 4096",
     "model-configs.csv `Mistral-7B-v0.1` (duplicate of mistralai/Mistral-7B-Instruct-v0.1)",
     "b = 10000.0, d = 128, L = 32768, sliding_window = 4096, N = 32, no scaling"),
    ("llama-3.1-8b.json",
     {"architectures": ["LlamaForCausalLM"], "head_dim": 128, "max_position_embeddings": 131072,
      "model_type": "llama", "num_hidden_layers": 32,
      "rope_scaling": {"factor": 8.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
                       "original_max_position_embeddings": 8192, "rope_type": "llama3"},
      "rope_theta": 500000.0, "torch_dtype": "bfloat16"},
     "llama3 frequency-banded scaling; head_dim given explicitly (the CSV row gives only the head dim, so "
     "hidden_size/num_attention_heads are omitted)",
     "model-configs.csv `Llama-3.1-8B`",
     "b = 500000.0, d = 128, llama3 factor 8.0 low 1.0 high 4.0 original 8192, L = 131072, N = 32, "
     "attention factor 1; spectrum = scaling/llama3_31_f8_d128.csv"),
    ("llama-3.2-1b.json",
     {"architectures": ["LlamaForCausalLM"], "head_dim": 64, "hidden_size": 2048, "max_position_embeddings": 131072,
      "model_type": "llama", "num_attention_heads": 32, "num_hidden_layers": 16,
      "rope_scaling": {"factor": 32.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
                       "original_max_position_embeddings": 8192, "rope_type": "llama3"},
      "rope_theta": 500000.0, "torch_dtype": "bfloat16"},
     "llama3 factor 32 (failures.md A1: Meta's reference code hard-coded 8); explicit head_dim 64 = 2048/32",
     "model-configs.csv `Llama-3.2-1B`",
     "b = 500000.0, d = 64, llama3 factor 32.0 low 1.0 high 4.0 original 8192, L = 131072, N = 16; "
     "spectrum = scaling/llama3_32_1b_f32_d64.csv"),
    ("qwen2.5-7b-instruct-yarn.json",
     {"architectures": ["Qwen2ForCausalLM"], "hidden_size": 3584, "max_position_embeddings": 32768,
      "model_type": "qwen2", "num_attention_heads": 28, "num_hidden_layers": 28,
      "rope_scaling": {"factor": 4.0, "original_max_position_embeddings": 32768, "type": "yarn"},
      "rope_theta": 1000000.0, "torch_dtype": "bfloat16"},
     "YaRN added exactly as Qwen's README documents it (old key `type`, not `rope_type`); "
     "max_position_embeddings stays 32768 = original",
     "model-configs.csv `Qwen2.5-7B-Instruct` (config + README yarn block); hidden 3584 / 28 heads from the "
     "`Qwen2.5-7B` row (same architecture)",
     "b = 1000000.0, d = 128, yarn factor 4.0, original 32768, beta_fast 32 / beta_slow 1 (defaults), "
     "attention factor 0.1*ln(4)+1; the YaRN target context is factor*original = 131072 although "
     "max_position_embeddings says 32768; spectrum = scaling/yarn_qwen25_f4.csv"),
    ("deepseek-v3.json",
     {"architectures": ["DeepseekV3ForCausalLM"], "max_position_embeddings": 163840, "model_type": "deepseek_v3",
      "num_hidden_layers": 61, "qk_nope_head_dim": 128, "qk_rope_head_dim": 64,
      "rope_scaling": {"beta_fast": 32, "beta_slow": 1, "factor": 40, "mscale": 1.0, "mscale_all_dim": 1.0,
                       "original_max_position_embeddings": 4096, "type": "yarn"},
      "rope_theta": 10000, "torch_dtype": "bfloat16", "v_head_dim": 128},
     "MLA: only qk_rope_head_dim (64) dims rotate, qk_nope_head_dim 128 do not; YaRN with mscale/mscale_all_dim; "
     "integer rope_theta and factor",
     "model-configs.csv `DeepSeek-V3 (671B)` (deepseek-ai/DeepSeek-V3 inference/model.py ModelArgs + HF config copy)",
     "b = 10000, d = 64 (qk_rope_head_dim; NOT hidden/heads), yarn factor 40, original 4096, beta 32/1, "
     "attention factor 1.0 (mscale == mscale_all_dim); L = 163840 = 40*4096, N = 61; "
     "spectrum = scaling/yarn_deepseek_v3_f40.csv"),
    ("deepseek-v2.json",
     {"architectures": ["DeepseekV2ForCausalLM"], "kv_lora_rank": 512, "max_position_embeddings": 163840,
      "model_type": "deepseek_v2", "num_hidden_layers": 60, "qk_nope_head_dim": 128, "qk_rope_head_dim": 64,
      "rope_scaling": {"beta_fast": 32, "beta_slow": 1, "factor": 40, "mscale": 0.707, "mscale_all_dim": 0.707,
                       "original_max_position_embeddings": 4096, "type": "yarn"},
      "rope_theta": 10000, "v_head_dim": 128},
     "MLA + YaRN with mscale = mscale_all_dim = 0.707",
     "model-configs.csv `DeepSeek-V2 (236B)` (official config at commit 3d445e75)",
     "b = 10000, d = 64, yarn factor 40, original 4096, attention factor 1.0; N = 60; "
     "spectrum = scaling/yarn_deepseek_v2_f40.csv"),
    ("glm-4-9b-chat.json",
     {"architectures": ["ChatGLMModel"], "kv_channels": 128, "model_type": "chatglm", "num_layers": 40,
      "original_rope": True, "rope_ratio": 500, "seq_length": 131072, "torch_dtype": "bfloat16"},
     "ChatGLM remote-code format: no rope_theta; base = 10000 * rope_ratio; rotary on half of kv_channels; "
     "context under seq_length, layers under num_layers",
     "model-configs.csv `GLM-4-9B-chat` (official config, blame 731ca7fd; formula from transformers' "
     "convert_glm_weights_to_hf.py rope_theta = 10000.0*rope_ratio)",
     "b = 10000*500 = 5000000 (derived), d = 64 (kv_channels 128 x 0.5), L = 131072 (seq_length), N = 40 "
     "(num_layers); same spectrum as scaling/partial_glm4_hf_f05_hd128.csv. transformers cannot load it "
     "(model_type chatglm is remote code)"),
    ("glm-4-9b-chat-1m.json",
     {"architectures": ["ChatGLMModel"], "kv_channels": 128, "model_type": "chatglm", "num_layers": 40,
      "rope_ratio": 10000, "seq_length": 1048576, "torch_dtype": "bfloat16"},
     "ChatGLM format with a large rope_ratio",
     "model-configs.csv `GLM-4-9B-chat-1M` (official config, blame 3a691242)",
     "b = 10000*10000 = 100000000 (derived), d = 64, L = 1048576, N = 40"),
    ("phi-3-mini-128k-instruct-synthetic-factors.json",
     {"_fixture_note": synth_note("longrope"), "architectures": ["Phi3ForCausalLM"], "hidden_size": 3072,
      "max_position_embeddings": 131072, "model_type": "phi3", "num_attention_heads": 32, "num_hidden_layers": 32,
      "original_max_position_embeddings": 4096,
      "rope_scaling": {"long_factor": SYNTH_LONG, "short_factor": SYNTH_SHORT, "type": "longrope"},
      "rope_theta": 10000.0, "sliding_window": 262144},
     "LongRoPE with per-pair short/long lists; original_max_position_embeddings at the top level (Phi-3 "
     "layout), not inside rope_scaling; an unknown extra key (`_fixture_note`) that must be ignored",
     "model-configs.csv `Phi-3-mini-128k-instruct` (rope_theta 10000.0 and sliding_window 262144 from the copy "
     "yujiepan/phi-3-tiny-random); factor lists SYNTHETIC",
     "b = 10000.0, d = 3072/32 = 96, longrope, 48 factors each, original 4096, L = 131072, N = 32, attention "
     "factor sqrt(1 + ln(131072/4096)/ln(4096)) = sqrt(17/12); spectra = scaling/longrope_phi3_synthetic_short.csv "
     "(context <= 4096) and _long.csv (context > 4096)"),
    ("phi-3-mini-128k-instruct-su-synthetic-factors.json",
     {"_fixture_note": synth_note("su"), "architectures": ["Phi3ForCausalLM"], "hidden_size": 3072,
      "max_position_embeddings": 131072, "model_type": "phi3", "num_attention_heads": 32, "num_hidden_layers": 32,
      "original_max_position_embeddings": 4096,
      "rope_scaling": {"long_factor": SYNTH_LONG, "short_factor": SYNTH_SHORT, "type": "su"},
      "rope_theta": 10000.0, "sliding_window": 262144},
     "the pre-July-2024 alias `su` for longrope (failures.md A7)",
     "as phi-3-mini-128k-instruct-synthetic-factors.json; factor lists SYNTHETIC",
     "accept: read as longrope, same values as the longrope file (bounds.md: longrope was formerly 'su'). "
     "NOTE transformers 5.18.0 REJECTS this file: Phi3Config renames su -> longrope only after "
     "standardize_rope_params, which copies the top-level original_max_position_embeddings into the rope dict "
     "only for the types llama3/yarn/longrope, so validation then misses that key (KeyError below); a phi3 "
     "config with type `yarn` is silently turned into longrope instead"),
    ("gemma-3-12b-it.json",
     {"architectures": ["Gemma3ForCausalLM"], "head_dim": 256, "max_position_embeddings": 131072,
      "model_type": "gemma3_text", "num_attention_heads": 16, "num_hidden_layers": 48, "num_key_value_heads": 8,
      "rope_local_base_freq": 10000.0, "rope_scaling": {"factor": 8.0, "rope_type": "linear"},
      "rope_theta": 1000000.0, "sliding_window": 1024, "sliding_window_pattern": 6, "torch_dtype": "bfloat16"},
     "dual bases: rope_theta + rope_scaling for global layers, rope_local_base_freq (unscaled) for "
     "sliding-window layers; every 6th layer is global",
     "model-configs.csv `Gemma-3-12B-it` (OpenPipe/gemma-3-12b-it-text-only, a text-only extraction; the "
     "official multimodal config nests these keys under text_config)",
     "global layers (8 of 48: layers 5, 11, ..., 47): b = 1000000.0, linear factor 8, context 131072; "
     "local layers (40 of 48): b = 10000.0, no scaling, judged on sliding_window 1024; d = 256 for both; "
     "spectra = scaling/gemma3_global_linear8.csv and gemma3_local_default.csv"),
    ("gemma-3-12b-it-multimodal.json",
     {"architectures": ["Gemma3ForConditionalGeneration"], "model_type": "gemma3",
      "text_config": {"head_dim": 256, "max_position_embeddings": 131072, "model_type": "gemma3_text",
                      "num_attention_heads": 16, "num_hidden_layers": 48, "num_key_value_heads": 8,
                      "rope_local_base_freq": 10000.0, "rope_scaling": {"factor": 8.0, "rope_type": "linear"},
                      "rope_theta": 1000000.0, "sliding_window": 1024, "sliding_window_pattern": 6},
      "torch_dtype": "bfloat16"},
     "the multimodal layout: every text/RoPE key nested under text_config (vision_config omitted)",
     "values as gemma-3-12b-it.json; nesting per transformers' Gemma3Config (model_type gemma3, text_config)",
     "same as gemma-3-12b-it.json: the tool must look inside text_config"),
    ("gpt-neox-20b.json",
     {"architectures": ["GPTNeoXForCausalLM"], "hidden_size": 6144, "max_position_embeddings": 2048,
      "model_type": "gpt_neox", "num_attention_heads": 64, "num_hidden_layers": 44, "rotary_emb_base": 10000,
      "rotary_pct": 0.25},
     "partial rotary under GPT-NeoX names: rotary_pct, rotary_emb_base (no rope_theta)",
     "model-configs.csv `GPT-NeoX-20B` (Dahoas/gptneox-sft-static, ybelkada/gpt-neo-x-20b-sharded-bf16)",
     "b = 10000 (from rotary_emb_base), head_dim 6144/64 = 96, d = int(96*0.25) = 24, L = 2048, N = 44; "
     "spectrum = scaling/partial_gptneox20b_pct025_hd96.csv"),
    ("pythia-6.9b.json",
     {"architectures": ["GPTNeoXForCausalLM"], "hidden_size": 4096, "max_position_embeddings": 2048,
      "model_type": "gpt_neox", "num_attention_heads": 32, "num_hidden_layers": 32, "rotary_emb_base": 10000,
      "rotary_pct": 0.25, "torch_dtype": "float16"},
     "partial rotary, head_dim 128 -> d = 32",
     "model-configs.csv `Pythia-6.9B` (EleutherAI/pythia-6.9b-v0 refs/pr/4)",
     "b = 10000, head_dim 128, d = 32, L = 2048, N = 32; spectrum = scaling/partial_gptneox_pct025_hd128.csv"),
    ("gpt-j-6b.json",
     {"architectures": ["GPTJForCausalLM"], "model_type": "gptj", "n_embd": 4096, "n_head": 16, "n_layer": 28,
      "n_positions": 2048, "rotary_dim": 64, "torch_dtype": "float32"},
     "GPT-J names: n_embd/n_head/n_layer/n_positions, rotary_dim given directly, no base key at all",
     "model-configs.csv `GPT-J-6B` (hivemind/gpt-j-6B-8bit; 10000 hard-coded in transformers' GPT-J "
     "create_sinusoidal_positions)",
     "b = 10000 (hard-coded by the implementation, not a config default), head_dim 4096/16 = 256, d = rotary_dim = "
     "64, L = 2048, N = 28"),
    ("deepseek-coder-6.7b-base.json",
     {"architectures": ["LlamaForCausalLM"], "hidden_size": 4096, "max_position_embeddings": 16384,
      "model_type": "llama", "num_attention_heads": 32, "num_hidden_layers": 32,
      "rope_scaling": {"factor": 4.0, "type": "linear"}, "rope_theta": 100000},
     "linear position interpolation via the old `type` key",
     "model-configs.csv `DeepSeek-Coder-6.7B-base` (TheBloke AWQ copy, speechless-nl2sql copy)",
     "b = 100000, d = 128, linear factor 4.0 (trained 4096 x 4 = 16384), L = 16384, N = 32"),
    ("internlm2_5-20b-chat.json",
     {"architectures": ["InternLM2ForCausalLM"], "hidden_size": 6144, "max_position_embeddings": 32768,
      "model_type": "internlm2", "num_attention_heads": 48, "num_hidden_layers": 48, "num_key_value_heads": 8,
      "rope_scaling": {"factor": 2.5, "type": "dynamic"}, "rope_theta": 50000000, "torch_dtype": "bfloat16"},
     "dynamic NTK (remote-code model type internlm2; same formula as transformers' dynamic)",
     "model-configs.csv `InternLM2.5-20B-chat` (official config at 3a276a1d)",
     "b = 50000000, d = 6144/48 = 128, dynamic factor 2.5 over max_position_embeddings 32768: for a context "
     "n > 32768, b' = b*((2.5*n/32768) - 1.5)^(128/126); for n <= 32768 b unchanged; N = 48"),
]

# the v5 files are produced by transformers itself from a v4-style dict (to_dict), keeping the source's keys
V5 = [
    ("llama-3.1-8b-v5-rope-parameters.json", LlamaConfig, "llama-3.1-8b.json",
     "transformers v5 layout: one flat `rope_parameters` dict holding rope_theta and the scaling keys; no "
     "top-level rope_theta or rope_scaling; `dtype` instead of `torch_dtype`; written by LlamaConfig.to_dict()",
     "values of llama-3.1-8b.json, re-serialised by transformers 5.18.0",
     "same as llama-3.1-8b.json"),
    ("gemma-3-12b-it-v5-rope-parameters.json", Gemma3TextConfig, "gemma-3-12b-it.json",
     "transformers v5 layout for dual bases: `rope_parameters` nested by layer type (`full_attention`, "
     "`sliding_attention`) plus an explicit `layer_types` list; rope_local_base_freq is gone; 5.18.0 also writes "
     "both `sliding_window_pattern` and a private `_sliding_window_pattern`, kept here as it writes them",
     "values of gemma-3-12b-it.json, re-serialised by transformers 5.18.0",
     "same as gemma-3-12b-it.json; the layer kind of each layer is read from layer_types"),
    ("pythia-6.9b-v5-rope-parameters.json", GPTNeoXConfig, "pythia-6.9b.json",
     "transformers v5 layout for partial rotary: partial_rotary_factor inside rope_parameters; rotary_pct and "
     "rotary_emb_base are gone",
     "values of pythia-6.9b.json, re-serialised by transformers 5.18.0",
     "same as pythia-6.9b.json"),
]

BASE_BAD = {"architectures": ["LlamaForCausalLM"], "hidden_size": 4096, "max_position_embeddings": 4096,
            "model_type": "llama", "num_attention_heads": 32, "num_hidden_layers": 32, "rope_scaling": None,
            "rope_theta": 10000.0, "torch_dtype": "float16"}


def dumps(d):
    return json.dumps(d, indent=2, sort_keys=True, ensure_ascii=True) + "\n"


def bad(**changes):
    d = dict(BASE_BAD)
    d.update(changes)
    return dumps(d)


def bad_texts():
    valid = dumps(BASE_BAD)
    cut = valid.index('"rope_theta"') + len('"rope_theta": 100')
    deep = "[" * 10000 + "]" * 10000
    nested = dumps(dict(BASE_BAD, rope_scaling="@@DEEP@@")).replace('"@@DEEP@@"', deep)
    dup = valid.replace('"rope_theta": 10000.0,', '"rope_theta": 10000.0,\n  "rope_theta": 500000.0,')
    return [
        ("bad-theta-string.json", bad(rope_theta="ten thousand"),
         "rope_theta is a JSON string", "reject: bad input naming `rope_theta` (not a number)"),
        ("bad-negative-layers.json", bad(num_hidden_layers=-32),
         "num_hidden_layers is negative", "reject: bad input naming `num_hidden_layers` (must be >= 1)"),
        ("bad-huge-number.json", valid.replace('"rope_theta": 10000.0', '"rope_theta": 1e400'),
         "rope_theta is 1e400: valid JSON grammar, but beyond double range (a naive parser gives Infinity)",
         "reject: bad input naming `rope_theta` (out of range / not finite); must not compute with Infinity"),
        ("bad-truncated.json", valid[:cut],
         f"the file ends in the middle of the rope_theta number (first {cut} bytes of a valid config)",
         "reject: malformed JSON (unexpected end of input), reported as bad input, not a crash"),
        ("bad-deep-nesting.json", nested,
         "rope_scaling is 10000 nested empty arrays (stack-depth attack on recursive parsers)",
         "reject: bad input naming `rope_scaling` (nesting too deep, or not an object); never a "
         "StackOverflowError"),
        ("bad-unknown-scaling.json", bad(rope_scaling={"factor": 2.0, "type": "quantum"}),
         "rope_scaling type 'quantum' is no known scaling type",
         "reject: bad input naming `rope_scaling.type` and the value 'quantum', listing the accepted types"),
        ("bad-wrong-type-scaling.json", bad(rope_scaling=["linear", 4.0]),
         "rope_scaling is a JSON array instead of an object",
         "reject: bad input naming `rope_scaling` (must be an object or null)"),
        ("bad-llama3-missing-factor.json",
         bad(max_position_embeddings=131072, rope_theta=500000.0,
             rope_scaling={"high_freq_factor": 4.0, "low_freq_factor": 1.0,
                           "original_max_position_embeddings": 8192, "rope_type": "llama3"}),
         "llama3 scaling without its required `factor`",
         "reject: bad input naming `rope_scaling.factor` (required for llama3); transformers raises "
         "KeyError \"Missing required keys ... {'factor'}\""),
        ("bad-longrope-wrong-length.json",
         dumps({"architectures": ["Phi3ForCausalLM"], "hidden_size": 3072, "max_position_embeddings": 131072,
                "model_type": "phi3", "num_attention_heads": 32, "num_hidden_layers": 32,
                "original_max_position_embeddings": 4096,
                "rope_scaling": {"long_factor": SYNTH_LONG[:47], "short_factor": SYNTH_SHORT, "type": "longrope"},
                "rope_theta": 10000.0}),
         "longrope long_factor has 47 entries; d/2 = 48 (SYNTHETIC lists)",
         "reject: bad input naming `rope_scaling.long_factor` (length 47, expected d/2 = 48)"),
        ("bad-nan-theta.json", valid.replace('"rope_theta": 10000.0', '"rope_theta": NaN'),
         "the non-JSON literal NaN (Python's json module accepts it)",
         "reject: malformed JSON at `rope_theta` (NaN is not JSON)"),
        ("bad-theta-zero.json", bad(rope_theta=0.0),
         "rope_theta 0 (the base must be > 1)",
         "reject: bad input naming `rope_theta` (must be > 1)"),
        ("bad-duplicate-theta.json", dup,
         "rope_theta appears twice with different values (10000.0 then 500000.0)",
         "reject: bad input naming `rope_theta` (duplicate key); Python's json and hence transformers silently "
         "keep the last value (500000.0)"),
    ]


def hf_load(d):
    """Build the transformers config for a loaded dict the way from_pretrained would (no download)."""
    from transformers import CONFIG_MAPPING
    mt = d.get("model_type")
    if mt not in CONFIG_MAPPING:
        raise KeyError(f"model_type {mt!r} is not in transformers' CONFIG_MAPPING (remote code)")
    return CONFIG_MAPPING[mt].from_dict(copy.deepcopy(d))


def hf_spectra(cfg):
    """[(spectrum_name, inv_freq, attention_factor, rope_params)] for a transformers config."""
    if isinstance(cfg, Gemma3Config):
        cfg = cfg.text_config
    cls = type(cfg)
    if cls not in ROTARY:
        raise KeyError(f"{cls.__name__}: no RotaryEmbedding mapped in this script (does not use rope_parameters)")
    rot = ROTARY[cls]
    out = []
    rp = cfg.rope_parameters
    if cls is Gemma3TextConfig:
        mod = rot(cfg)
        for lt in sorted(cfg.rope_parameters):
            out.append((lt, getattr(mod, f"{lt}_inv_freq"), getattr(mod, f"{lt}_attention_scaling"), rp[lt]))
        return out
    mod = rot(cfg)
    name = "longrope_short" if rp["rope_type"] == "longrope" else "init"
    out.append((name, mod.inv_freq, mod.attention_scaling, rp))
    if rp["rope_type"] == "longrope":
        inv, att = ROPE_INIT_FUNCTIONS["longrope"](cfg, None, seq_len=rp["original_max_position_embeddings"] + 1)
        out.append(("longrope_long", inv, att, rp))
    return out


def first_line(e):
    lines = [ln.strip() for ln in str(e).strip().splitlines() if ln.strip()]
    msg = " ".join(lines[:2])
    return f"{type(e).__name__}: {msg[:240]}{'...' if len(msg) > 240 else ''}"


def transformers_outcome(text):
    """What transformers 5.18.0 does with the file: json.loads, CONFIG_MAPPING[model_type].from_dict, RotaryEmbedding."""
    try:
        d = json.loads(text)
    except RecursionError as e:
        return f"json.loads raises {first_line(e)}"
    except Exception as e:  # noqa: BLE001
        return f"json.loads raises {first_line(e)}"
    try:
        cfg = hf_load(d)
    except Exception as e:  # noqa: BLE001
        return f"config construction raises {first_line(e)}"
    if type(cfg).__name__ == "GPTJConfig":
        return (f"config accepted (GPTJConfig, rotary_dim {cfg.rotary_dim}, n_positions "
                f"{cfg.max_position_embeddings}, has rope_parameters: {hasattr(cfg, 'rope_parameters')}); GPT-J does "
                "not use rope parameters: modeling_gptj.create_sinusoidal_positions hard-codes "
                "inv_freq = 1.0 / (10000 ** (arange(0, rotary_dim, 2) / rotary_dim))")
    try:
        sp = hf_spectra(cfg)
    except Exception as e:  # noqa: BLE001
        return f"config accepted; RotaryEmbedding raises {first_line(e)}"
    parts = []
    for name, inv, att, rp in sp:
        inv = inv.detach().numpy()
        if np.all(np.isfinite(inv)):
            tail = f"theta_min {hexf(float(inv.min()))}"
        else:
            tail = f"NON-FINITE inv_freq: {sorted({repr(float(v)) for v in inv if not math.isfinite(v)})}"
        parts.append(f"{name}: rope_type {rp['rope_type']}, rope_theta {rp['rope_theta']!r}, d {2 * len(inv)}, "
                     f"{tail}")
    return "accepted silently; " + "; ".join(parts)


def gen_configs():
    files = {}
    real = {}
    entries = []
    for name, d, what, src, exp in REAL:
        text = dumps(d)
        files[CONFIGS / name] = text
        real[name] = d
        entries.append((name, what, src, exp, text))
    for name, cls, src_name, what, src, exp in V5:
        src_d = real[src_name]
        cfg = cls(**copy.deepcopy(src_d))
        full = cfg.to_dict()
        # keys v5 writes for the source's keys (renamed where v5 renames them); class defaults the source did not
        # give are dropped (they would be unsourced values)
        keep = set(src_d) - {"rope_theta", "rope_scaling", "rope_local_base_freq", "torch_dtype", "rotary_pct",
                             "rotary_emb_base"}
        keep |= {"rope_parameters", "model_type", "transformers_version", "dtype", "architectures",
                 "_sliding_window_pattern"}
        if "layer_types" in full:
            keep.add("layer_types")
        v5 = {k: full[k] for k in sorted(full) if k in keep}
        assert v5.get("rope_parameters"), name
        text = dumps(v5)
        files[CONFIGS / name] = text
        entries.append((name, what, src, exp, text))
    for name, text, what, exp in bad_texts():
        files[CONFIGS / name] = text
        src = ("derived from phi-3-mini-128k-instruct-synthetic-factors.json" if "longrope" in name else
               "derived from llama-2-7b.json (model-configs.csv `Llama-2-7B`)" +
               (" with Llama-3.1's rope values" if "llama3" in name else ""))
        entries.append((name, what, src, exp, text))

    # expected.csv: what transformers reads from every file it can load
    rows = ["file,spectrum,rope_type,rope_theta,rotary_dim,max_position_embeddings,"
            "original_max_position_embeddings,factor,attention_factor_hex,theta_min_fp32_hex,theta_max_fp32_hex"]
    outcomes = {}
    for name, what, src, exp, text in entries:
        outcomes[name] = transformers_outcome(text)
        if name.startswith("bad-"):
            continue
        try:
            cfg = hf_load(json.loads(text))
            sp = hf_spectra(cfg)
        except Exception:  # noqa: BLE001
            continue
        tcfg = cfg.text_config if isinstance(cfg, Gemma3Config) else cfg
        for sname, inv, att, rp in sp:
            inv = inv.detach().numpy()
            rows.append(",".join([name, sname, rp["rope_type"], num(rp["rope_theta"]), str(2 * len(inv)),
                                  str(tcfg.max_position_embeddings),
                                  num(rp.get("original_max_position_embeddings")), num(rp.get("factor")),
                                  hexf(float(att)), hexf(float(inv.min())), hexf(float(inv.max()))]))
    files[CONFIGS / "expected.csv"] = "\n".join(rows) + "\n"
    files[CONFIGS / "README.md"] = configs_readme(entries, outcomes)
    return files


def configs_readme(entries, outcomes):
    out = [
        "# config.json fixtures",
        "",
        f"Generated by `{SCRIPT}` ({VERSIONS}); do not edit by hand. Regenerate with",
        f"`{REGEN}`.",
        "",
        "Values come from `shared/reference/model-configs.csv` (its `source` column names the Hugging Face files).",
        "Only RoPE keys and the usual architecture keys are written; a key whose value the CSV does not give is",
        "omitted rather than invented. The one exception is clearly labelled: Phi-3's `short_factor`/`long_factor`",
        "lists are SYNTHETIC (the CSV does not carry the published lists) and the file says so in `_fixture_note`",
        "and in its name. Keys are sorted and indented as transformers writes them.",
        "",
        "Notation in the expected outcomes: b = RoPE base, d = rotary dimension, L = context length",
        "(max_position_embeddings unless said), N = number of RoPE layers.",
        "",
        "`expected.csv` lists, for every file transformers 5.18.0 can load without remote code, what it reads:",
        "`file,spectrum,rope_type,rope_theta,rotary_dim,max_position_embeddings,original_max_position_embeddings,"
        "factor,attention_factor_hex,theta_min_fp32_hex,theta_max_fp32_hex` (`spectrum` is `init`, a Gemma layer",
        "type, or `longrope_short`/`longrope_long`; theta_min/max are the smallest/largest float32 inv_freq).",
        "",
        "## Files",
        "",
    ]
    for name, what, src, exp, text in entries:
        out += [
            f"### `{name}` ({len(text.encode())} bytes)",
            "",
            f"* Exercises: {what}.",
            f"* Source: {src}.",
            f"* Expected outcome: {exp}.",
            f"* transformers {transformers.__version__} (json.loads, then `CONFIG_MAPPING[model_type].from_dict`, "
            f"then the model's RotaryEmbedding): {outcomes[name]}",
            "",
        ]
    out += [
        "## Notes",
        "",
        "* transformers' defaults for a missing rope_theta are per model class (`default_theta`): 10000 for Llama,",
        "  Mistral, Qwen2, Phi-3 and most others, but 1000000 for Mixtral, 500000 for Llama 4, and for Gemma 3",
        "  1000000 (global) / 10000 (local). A tool that applies 10000 everywhere differs from transformers there.",
        "* The GPT-J, ChatGLM and InternLM2 files cannot be checked against transformers' rope machinery (GPT-J",
        "  hard-codes 10000; chatglm and internlm2 are remote code), so their expected outcomes come from the CSV",
        "  and the formulas cited.",
        "",
    ]
    return "\n".join(out)


# ----------------------------------------------------------------------------------------------- main
def data_digest(files):
    """sha256 of each scaling case file's data lines (the '#' header names the CPU capability, so it is skipped)."""
    out = {}
    for path, text in files.items():
        if path.parent == SCALING and path.suffix == ".csv" and path.name != "cases.csv":
            out[path.stem] = hashlib.sha256(text.split("\n", 1)[1].encode()).hexdigest()
    return out


def isa_compare(base_digest):
    """Rerun this script under other ATEN_CPU_CAPABILITY values; list the cases whose float32 data differ."""
    res = {}
    for cap in ("avx2", "default"):
        env = dict(os.environ, ATEN_CPU_CAPABILITY=cap)
        r = subprocess.run([sys.executable, __file__, "--digest"], env=env, capture_output=True, text=True,
                           check=True)
        other = json.loads(r.stdout.strip().splitlines()[-1])
        res[cap] = sorted(k for k in base_digest if other.get(k) != base_digest[k])
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="compare with the files on disk; write nothing")
    ap.add_argument("--digest", action="store_true", help=argparse.SUPPRESS)   # used by the ISA comparison
    args = ap.parse_args()
    files, report = gen_scaling()
    if args.digest:
        print(json.dumps(data_digest(files), sort_keys=True))
        return
    files, report = gen_scaling(isa_compare(data_digest(files)))
    files.update(gen_configs())
    changed = []
    for path, text in sorted(files.items()):
        data = text.encode("ascii")
        if not path.exists() or path.read_bytes() != data:
            changed.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
    for case, one, diffs, inv32, *_ in report:
        print(f"{case['name']:42s} {len(inv32):3d} entries, != RN32(fp64): "
              f"{', '.join(f'i={i}({diffs[i]:+d})' for i in one) or 'none'}")
    print(f"{len(files)} files, {len(changed)} {'differ' if args.check else 'written'}")
    for p in changed:
        print("  ", p.relative_to(ROOT))
    if args.check and changed:
        sys.exit(1)


if __name__ == "__main__":
    main()
