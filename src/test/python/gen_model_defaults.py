#!/usr/bin/env python3
"""transformers' per-architecture RoPE defaults (shipped in the jar) and its rope validation (test fixtures).

Two outputs, both read from the installed transformers package (pinned in requirements-model-defaults.txt):

1. src/main/resources/org/ropebounds/model/transformers-defaults.csv: for every model_type of transformers'
   CONFIG_MAPPING whose configuration class can be built with its defaults and holds RoPE parameters, what that
   class uses when a config.json leaves the keys out: rope_theta (for layer-typed classes such as Gemma 3, the
   full-attention layers' one), the sliding-window layers' rope_theta and sliding_window (layer-typed classes
   only), max_position_embeddings, and for composite (multimodal) classes the model_type of their text_config.
   Line 1 names the transformers version; line 2 is the CSV header. In transformers 5 these defaults are the
   class attribute default_theta (a dict {"global", "local"} for Gemma 3), moved into rope_parameters by
   RotaryEmbeddingConfigMixin.convert_rope_params_to_dict / standardize_rope_params; building the class with no
   arguments and reading config.rope_parameters gives exactly what a config.json without rope_theta gets.

2. src/test/resources/fixtures/validation/: configs built as config.json text with fields removed or changed,
   each loaded through CONFIG_MAPPING[model_type].from_dict (as from_pretrained does), and what transformers
   does with it (expected.json): the exception raised, the warnings its rope validation logs
   (RotaryEmbeddingConfigMixin._validate_*_rope_parameters), the rope_theta it resolved per layer type, and the
   model's RotaryEmbedding inv_freq (smallest, largest; float32 hex) and attention factor.

    /tmp/venv-torch/bin/python src/test/python/gen_model_defaults.py            # write
    /tmp/venv-torch/bin/python src/test/python/gen_model_defaults.py --check    # compare with the committed files
"""
import argparse
import copy
import importlib
import json
import logging
import math
import sys
from pathlib import Path

import torch
import transformers
from transformers.models.auto.configuration_auto import CONFIG_MAPPING, CONFIG_MAPPING_NAMES

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fixture_files import write_or_check  # noqa: E402
from gen_scaling_fixtures import hexf  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
TABLE = ROOT / "src/main/resources/org/ropebounds/model/transformers-defaults.csv"
CASES = ROOT / "src/test/resources/fixtures/validation"
SCRIPT = "src/test/python/gen_model_defaults.py"
torch.set_num_threads(1)


def attr(obj, name):
    """obj.name, or None where transformers refuses a global read (heterogeneous per-layer configs)."""
    try:
        return getattr(obj, name, None)
    except Exception:  # noqa: BLE001
        return None


def num(v):
    return "" if v is None else (str(v) if isinstance(v, int) else repr(float(v)))


# ------------------------------------------------------------------------------------------------- defaults table
def defaults_rows():
    rows = []
    transformers.logging.set_verbosity_error()
    for mt in sorted(CONFIG_MAPPING_NAMES):
        try:
            cfg = CONFIG_MAPPING[mt]()
        except Exception:  # noqa: BLE001 -- classes that need arguments have no defaults to record
            continue
        text = attr(cfg, "text_config")
        text_mt = text.model_type if isinstance(text, transformers.PreTrainedConfig) else ""
        rp = attr(cfg, "rope_parameters")
        if not isinstance(rp, dict) or not rp:
            if text_mt:
                rows.append([mt, type(cfg).__name__, "", "", "", "", text_mt])
            continue
        sliding_theta = ""
        window = ""
        if "full_attention" in rp or "sliding_attention" in rp:
            full = rp.get("full_attention") or {}
            sliding = rp.get("sliding_attention") or {}
            theta = full.get("rope_theta")
            if sliding.get("rope_theta") is not None and "full_attention" in rp:
                sliding_theta = num(sliding["rope_theta"])
                window = num(attr(cfg, "sliding_window"))
        else:
            theta = rp.get("rope_theta")
        if not isinstance(theta, (int, float)) or isinstance(theta, bool):
            continue
        mpe = attr(cfg, "max_position_embeddings")
        rows.append([mt, type(cfg).__name__, num(theta), sliding_theta, window,
                     num(mpe) if isinstance(mpe, int) else "", text_mt])
    return rows


def defaults_table():
    lines = [f"# transformers {transformers.__version__}: RoPE defaults of its configuration classes, written by {SCRIPT}",
             "model_type,config_class,rope_theta,sliding_rope_theta,sliding_window,max_position_embeddings,text_model_type"]
    lines += [",".join(r) for r in defaults_rows()]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------------------- validation cases
class Captured(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def llama(**kw):
    d = {"model_type": "llama", "hidden_size": 4096, "num_attention_heads": 32, "head_dim": 128,
         "num_hidden_layers": 32, "max_position_embeddings": 131072, "rope_theta": 500000.0, "torch_dtype": "bfloat16"}
    d.update(kw)
    return {k: v for k, v in d.items() if v is not None}


L3 = {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
      "original_max_position_embeddings": 8192}


def l3(**kw):
    d = dict(L3)
    d.update(kw)
    return {k: v for k, v in d.items() if v is not None}


def qwen(**kw):
    d = {"model_type": "qwen2", "hidden_size": 3584, "num_attention_heads": 28, "num_hidden_layers": 28,
         "max_position_embeddings": 32768, "rope_theta": 1000000.0, "torch_dtype": "bfloat16",
         "sliding_window": 131072, "use_sliding_window": False}
    d.update(kw)
    return {k: v for k, v in d.items() if v is not None}


YARN = {"type": "yarn", "factor": 4.0, "original_max_position_embeddings": 32768}

# name -> (config dict, what ropebounds does: accept | warn | refuse, the field named, why)
CASE_LIST = [
    ("gemma3-text-no-theta", {"model_type": "gemma3_text", "hidden_size": 3840, "num_attention_heads": 16, "head_dim": 256,
                              "num_hidden_layers": 48, "max_position_embeddings": 131072, "sliding_window": 1024,
                              "rope_scaling": {"rope_type": "linear", "factor": 8.0}, "torch_dtype": "bfloat16"},
     "accept", "rope_theta", "no rope_theta, no rope_local_base_freq: Gemma3TextConfig's defaults 1e6 (full) / 1e4 (sliding)"),
    ("gemma3-text-no-theta-no-window", {"model_type": "gemma3_text", "hidden_size": 2560, "num_attention_heads": 8,
                                        "head_dim": 256, "num_hidden_layers": 34, "max_position_embeddings": 131072},
     "accept", "sliding_window", "no rope_theta and no sliding_window: the class defaults (window 4096)"),
    ("mixtral-no-theta", {"model_type": "mixtral", "hidden_size": 4096, "num_attention_heads": 32, "num_hidden_layers": 32,
                          "max_position_embeddings": 32768}, "accept", "rope_theta", "MixtralConfig's default 1e6"),
    ("llama4-text-no-theta", {"model_type": "llama4_text", "hidden_size": 5120, "num_attention_heads": 40, "head_dim": 128,
                              "num_hidden_layers": 48, "max_position_embeddings": 262144},
     "accept", "rope_theta", "Llama4TextConfig's default 500000"),
    ("llama-no-theta", llama(rope_theta=None, max_position_embeddings=4096), "accept", "rope_theta", "LlamaConfig: 10000"),
    ("llama-no-context", llama(max_position_embeddings=None, rope_theta=10000.0), "accept", "max_position_embeddings",
     "no max_position_embeddings: LlamaConfig's default 2048 (context_defaulted)"),
    ("llama3-factor-negative", llama(rope_scaling=l3(factor=-8.0)), "refuse", "factor",
     "transformers only warns; a negative factor turns the slow modes' frequencies negative"),
    ("llama3-factor-half", llama(rope_scaling=l3(factor=0.5)), "warn", "factor", "factor < 1: compression, as transformers warns"),
    ("llama3-low-above-high", llama(rope_scaling=l3(low_freq_factor=4.0, high_freq_factor=1.0)), "warn", "high_freq_factor",
     "low 4 / high 1: no blended band; each mode kept or divided"),
    ("llama3-low-equals-high", llama(rope_scaling=l3(low_freq_factor=2.0, high_freq_factor=2.0)), "warn", "high_freq_factor",
     "low = high: a step at one wavelength"),
    ("llama3-original-equals-context", llama(max_position_embeddings=8192, rope_scaling=l3()), "warn",
     "original_max_position_embeddings", "original = max_position_embeddings"),
    ("llama3-original-above-context", llama(max_position_embeddings=4096, rope_scaling=l3()), "warn",
     "original_max_position_embeddings", "original > max_position_embeddings"),
    ("llama3-no-low-freq-factor", llama(rope_scaling=l3(low_freq_factor=None)), "refuse", "low_freq_factor",
     "a required key missing: transformers raises KeyError"),
    ("llama3-low-freq-factor-zero", llama(rope_scaling=l3(low_freq_factor=0.0)), "refuse", "low_freq_factor",
     "transformers divides by it in Python (ZeroDivisionError when the rotary embedding is built)"),
    ("llama3-unknown-key", llama(rope_scaling=l3(foo=1.0)), "warn", "foo", "an unrecognised key, as transformers warns"),
    ("linear-factor-zero", llama(rope_scaling={"rope_type": "linear", "factor": 0.0}), "refuse", "factor",
     "inv_freq / 0: infinite frequencies"),
    ("dynamic-factor-half", llama(rope_scaling={"rope_type": "dynamic", "factor": 0.5}), "warn", "factor", "factor < 1"),
    ("yarn-qwen25-target", qwen(rope_scaling=dict(YARN)), "accept", "", "YaRN target 4 x 32768 while max_position_embeddings is 32768"),
    ("yarn-beta-swapped", qwen(rope_scaling=dict(YARN, beta_fast=1.0, beta_slow=32.0)), "warn", "beta_fast",
     "beta_fast < beta_slow"),
    ("yarn-factor-mismatch", qwen(max_position_embeddings=131072, rope_scaling=dict(YARN, factor=8.0)), "warn", "factor",
     "factor 8 while max_position_embeddings / original = 4"),
    ("yarn-attention-negative", qwen(rope_scaling=dict(YARN, attention_factor=-1.0)), "warn", "attention_factor",
     "attention_factor < 0"),
    ("yarn-no-factor", qwen(rope_scaling={"type": "yarn", "original_max_position_embeddings": 32768}), "refuse", "factor",
     "a required key missing: transformers raises KeyError"),
    ("yarn-beta-fast-negative", qwen(rope_scaling=dict(YARN, beta_fast=-32.0)), "refuse", "beta_fast",
     "log of a negative number in find_correction_dim (ValueError when the rotary embedding is built)"),
]


def rotary_class(cfg):
    mt = cfg.model_type
    module = importlib.import_module(f"transformers.models.{mt.replace('_text', '')}.modeling_{mt.replace('_text', '')}")
    names = [n for n in dir(module) if n.endswith("RotaryEmbedding") and not n.startswith("_")]
    prefix = type(cfg).__name__.replace("Config", "")
    exact = [n for n in names if n == prefix + "RotaryEmbedding"]
    return getattr(module, (exact or sorted(names))[0])


def run_case(d):
    out = {}
    cap = Captured()
    lg = logging.getLogger("transformers")
    transformers.logging.set_verbosity_warning()
    lg.addHandler(cap)
    try:
        try:
            cfg = CONFIG_MAPPING[d["model_type"]].from_dict(copy.deepcopy(d))
        except Exception as e:  # noqa: BLE001
            out["error"] = f"{type(e).__name__}: {str(e).splitlines()[0][:300]}"
            return out
        rp = cfg.rope_parameters
        out["max_position_embeddings"] = cfg.max_position_embeddings
        out["sliding_window"] = getattr(cfg, "sliding_window", None)
        layer_types = [k for k in ("full_attention", "sliding_attention") if k in rp]
        try:
            mod = rotary_class(cfg)(cfg)
        except Exception as e:  # noqa: BLE001
            out["rotary_error"] = f"{type(e).__name__}: {str(e).splitlines()[0][:300]}"
            mod = None
        spectra = {}
        for lt in (layer_types or [None]):
            p = rp[lt] if lt else rp
            entry = {"rope_type": p["rope_type"], "rope_theta": num(p["rope_theta"])}
            if mod is not None:
                inv = getattr(mod, f"{lt}_inv_freq") if lt else mod.inv_freq
                att = getattr(mod, f"{lt}_attention_scaling") if lt else mod.attention_scaling
                vals = [float(v) for v in inv.detach().numpy()]
                if all(math.isfinite(v) for v in vals):
                    entry.update(d=2 * len(vals), theta_min_fp32_hex=hexf(min(vals)), theta_max_fp32_hex=hexf(max(vals)),
                                 attention_factor_hex=hexf(float(att)))
                else:
                    entry["non_finite"] = True
            spectra[lt or "init"] = entry
        out["spectra"] = spectra
    finally:
        lg.removeHandler(cap)
        transformers.logging.set_verbosity_error()
    out["warnings"] = sorted(set(m.splitlines()[0][:300] for m in cap.messages if "rope" in m.lower() or "factor" in m.lower()))
    return out


def validation_files():
    files = {}
    expected = {"transformers": transformers.__version__, "torch": torch.__version__, "generator": SCRIPT, "cases": []}
    for name, d, ours, field, why in CASE_LIST:
        text = json.dumps(d, indent=2, sort_keys=True) + "\n"
        files[name + ".json"] = text
        rec = {"file": name + ".json", "ropebounds": ours, "field": field, "why": why}
        rec.update(run_case(json.loads(text)))
        expected["cases"].append(rec)
    files["expected.json"] = json.dumps(expected, indent=2, sort_keys=True) + "\n"
    return files


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    bad = write_or_check(TABLE.parent, {TABLE.name: defaults_table()}, args.check)
    bad += write_or_check(CASES, validation_files(), args.check)
    if bad:
        print("differ from a fresh run: " + ", ".join(bad))
        sys.exit(1)
    print("ok" if args.check else f"wrote {TABLE} and {CASES}")


if __name__ == "__main__":
    main()
