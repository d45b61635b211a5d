#!/usr/bin/env python3
"""Generator and checker for the bundled model registry.

Reads the hand-collected table of published RoPE settings
(model-configs.csv, one row per model, messy human text with the source of
every number) and writes the normalized registry bundled with the jar:

    src/main/resources/org/ropebounds/model/registry.csv

    python3 src/test/python/gen_model_registry.py            # (re)write + check
    python3 src/test/python/gen_model_registry.py --check    # check only

The source table lives outside the repository; pass --source PATH or set
ROPEBOUNDS_MODEL_CONFIGS (default /work/shared/reference/model-configs.csv).
Standard library only.

How the normalization works
---------------------------
* name, hf_repo and source are taken mechanically from the source row
  (hf_repo = first repo id of the cell; source = every URL of the cell, in
  order, space-separated; non-URL references are summarized in notes).
* rope_theta, head_dim, layers, context and dtype are parsed mechanically
  from the LEADING token of their cells ("128 (4096/32)" -> 128,
  "10000.0" -> 10000).  Where that is wrong (dual bases, two conflicting
  values, MLA) the curated table below overrides it; every override is
  printed in the summary.
* Everything that needs judgement (id, rotary_dim, original_context,
  scaling_type/params, extra, verification, notes) is in the curated table
  ROWS, one entry per source row, aligned by the model column.
* verification describes the provenance of the rope_theta value (of the
  config seen when rope_theta is blank): official = the official repo's
  config.json, copy = a mirror/copy/derivative of it, third-party = code
  defaults, GGUF metadata, test configs, docs.

Checks (any failure exits non-zero)
-----------------------------------
(a) same number of rows, same order (name == model column), header exact;
(b) every number in a numeric column and in scaling_params/extra occurs in
    the source row's non-URL text (10000.0 == 10000, "10,000,000" ==
    10000000), or is a quotient a/b or product "a x b" written there; every
    number in notes occurs somewhere in the source row (URLs included);
(c) ids unique and slug-shaped ([a-z0-9] runs joined by '.' or '-');
(d) scaling_params and extra, when non-blank, are JSON objects;
plus format checks: UTF-8, LF line ends, no comment lines, 16 fields,
minimal RFC 4180 quoting (re-serialization is byte-identical), enum
columns, integer columns, and internal consistency (rotary_dim < head_dim,
original_context < context, scaling "none" <=> {}, scaling_params'
original_max_position_embeddings == original_context).
"""
import argparse
import csv
import io
import json
import os
import re
import sys
import urllib.parse
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "src/main/resources/org/ropebounds/model/registry.csv"
DEFAULT_SOURCE = os.environ.get(
    "ROPEBOUNDS_MODEL_CONFIGS", "/work/shared/reference/model-configs.csv")

HEADER = ["id", "name", "hf_repo", "rope_theta", "head_dim", "rotary_dim",
          "layers", "context", "original_context", "dtype", "scaling_type",
          "scaling_params", "extra", "source", "verification", "notes"]
SRC_HEADER = ["model", "hf_repo", "rope_theta", "head_dim", "num_layers",
              "max_position_embeddings", "dtype", "rope_scaling", "source"]
NUMERIC = ["rope_theta", "head_dim", "rotary_dim", "layers", "context",
           "original_context"]
DTYPES = {"bfloat16", "float16", "float32"}
SCALING_TYPES = {"none", "linear", "dynamic", "yarn", "llama3", "longrope", "su"}
VERIFICATION = {"official", "copy", "third-party"}

# --- shared pieces of scaling params -------------------------------------------------
def llama3(factor, low=1.0, high=4.0):
    return {"factor": factor, "low_freq_factor": low, "high_freq_factor": high,
            "original_max_position_embeddings": 8192}

DSV2_YARN = {"factor": 40, "beta_fast": 32, "beta_slow": 1, "mscale": 0.707,
             "mscale_all_dim": 0.707, "original_max_position_embeddings": 4096}
QWEN_RECOMMENDED = {"recommended_rope_scaling": {
    "type": "yarn", "factor": 4.0, "original_max_position_embeddings": 32768}}
GEMMA3_EXTRA = {"rope_local_base_freq": 10000, "sliding_window": 1024,
                "sliding_window_pattern": 6}
NONE = ("none", {})

# --- curated table: one entry per source row, in order --------------------------------
# keys: model (alignment), id, scaling (type, params|None), extra (dict|None),
# verification, notes; optional: rotary_dim, original_context, ov (overrides of
# the mechanically parsed columns: rope_theta/head_dim/layers/context/dtype).
ROWS = [
 dict(model="LLaMA-1 7B", id="llama-1-7b", scaling=NONE, extra={},
      verification="third-party",
      notes="hf_repo is an HF conversion; Meta never hosted v1 on HF. No rope_theta field: implementation default 10000 "
            "(meta-llama/llama llama/model.py precompute_freqs_cis theta=10000.0), hence third-party. "
            "head_dim = 4096/32. dtype from the conversion config; config seen via huggyllama-derived copies."),
 dict(model="LLaMA-1 65B", id="llama-1-65b", scaling=NONE, extra={},
      verification="third-party",
      notes="No rope_theta field: implementation default 10000 (meta-llama/llama llama/model.py), hence third-party. "
            "Context key is max_sequence_length (no max_position_embeddings key). head_dim = 8192/64. "
            "huggyllama is an HF conversion (config read at refs/pr/2)."),
 dict(model="Llama-2-7B", id="llama-2-7b", scaling=NONE, extra={}, verification="copy",
      notes="rope_scaling null. dtype float16 from copies; official config not opened (mirrors with _name_or_path "
            "meta-llama/Llama-2-7b-hf). meta-llama/llama-models models/sku_list.py lists rope_theta 500000 for "
            "Llama-2, contradicting HF configs; treated as a metadata error, 10000 kept."),
 dict(model="Llama-2-70B", id="llama-2-70b", scaling=NONE, extra={}, verification="copy",
      notes="rope_scaling null. head_dim = 8192/64; 8 KV heads. dtype from copies."),
 dict(model="Code Llama 7B", id="codellama-7b", scaling=NONE, extra={}, verification="copy",
      notes="rope_scaling null: base raised instead of scaling. Config from an HF-staff conversion (loubnabnl); "
            "a params.json copy also has rope_theta 1000000; meta-llama/codellama llama/model.py takes rope_theta "
            "as a parameter."),
 dict(model="Code Llama 70B Instruct", id="codellama-70b-instruct", scaling=NONE, extra={},
      verification="official",
      notes="rope_scaling null. head_dim = 8192/64; 8 KV heads. Official config at refs/pr/11 (commit 'Update "
            "max_position_embeddings to 4096 (#6)'). rope_theta 10000 as published, unlike the raised "
            "base of the smaller Code Llama row; not re-checked."),
 dict(model="Llama-3-8B", id="llama-3-8b", scaling=NONE, extra={}, verification="copy",
      notes="rope_scaling null. Config from a copy; llama-models sku_list.py agrees (rope_theta 500000, "
            "use_scaled_rope False)."),
 dict(model="Llama-3-70B", id="llama-3-70b", scaling=NONE, extra={}, verification="copy",
      notes="rope_scaling null. head_dim = 8192/64; 8 KV heads. dtype from a derived copy; llama-models "
            "sku_list.py also cited."),
 dict(model="Llama-3.1-8B", id="llama-3.1-8b", original_context="8192",
      scaling=("llama3", llama3(8.0)), extra={}, verification="copy",
      notes="hf_repo aka meta-llama/Meta-Llama-3.1-8B. Config from copies (mlx-community refs/pr/1, NbAiLab); "
            "llama-models sku_list.py (use_scaled_rope True) and llama3/model.py apply_scaling (8,1,4,8192) agree."),
 dict(model="Llama-3.1-405B", id="llama-3.1-405b", original_context="8192",
      scaling=("llama3", llama3(8.0)), extra={}, verification="copy",
      notes="head_dim = 16384/128. Scaling cell abbreviates low/high/orig (expanded to HF key names). Second copy "
            "is a snapshot of Llama-3.1-405B-Instruct; 8 KV heads, early copies show 16."),
 dict(model="Llama-3.2-1B", id="llama-3.2-1b", original_context="8192",
      scaling=("llama3", llama3(32.0)), extra={}, verification="copy",
      notes="head_dim explicit (2048/32). Factor 32 is a post-release fix (llama-models issue 241). Config from "
            "copies with _name_or_path meta-llama/Llama-3.2-1B."),
 dict(model="Llama-3.2-3B", id="llama-3.2-3b", original_context="8192",
      scaling=("llama3", llama3(32.0)), extra={}, verification="copy",
      notes="head_dim = 3072/24. Config from copies (mlx-community bf16, unsloth bnb-4bit)."),
 dict(model="Llama-4-Scout-17B-16E-Instruct", id="llama-4-scout-17b-16e-instruct", original_context="8192",
      scaling=("llama3", llama3(16.0, 1.0, 1.0)),
      extra={"nope_layers": "interleaved (iRoPE)", "attention_chunk_size": 8192,
             "attn_temperature_tuning": {"floor_scale": 8192, "attn_scale": 0.1}},
      verification="third-party",
      notes="Official config.json NOT opened (gated). Values from a third-party Rust Llama4Config test ('factor 16, "
            "low and high band factors both 1') and meta-llama/llama-models models/llama4/args.py "
            "(rope_scaling_factor 16, rope_high_freq_factor 1; 'Only Llama-4-Scout uses scaled rope'). NoPE layer "
            "interval not stated. dtype unknown."),
 dict(model="Llama-4-Scout-17B-16E (base)", id="llama-4-scout-17b-16e", scaling=("", None), extra=None,
      verification="third-party",
      notes="rope_theta from a third-party copy. Scaling left blank: a third-party copy shows llama3 factor "
            "8.0/low 1.0/high 4.0/orig 8192, UNVERIFIED against official and unlike the Instruct row. Context "
            "262144 from a yaml modelled on a scaled-down official config.json (not opened); other values from a "
            "test mirroring unsloth/Llama-4-Scout-17B-16E text_config. iRoPE/chunking not stated here, extra left "
            "blank. dtype unknown."),
 dict(model="Llama-4-Maverick-17B-128E-Instruct", id="llama-4-maverick-17b-128e-instruct", scaling=NONE,
      extra={"nope_layers": "interleaved (iRoPE)", "attention_chunk_size": 8192},
      verification="third-party",
      notes="rope_scaling null. Official config.json NOT opened; source is NVIDIA/TensorRT-LLM test "
            "LLAMA_4_MAVERICK_TWO_LAYER_CONFIG ('Llama4 Maverick config but with only 2 layers'), which cannot be "
            "the source of layers 48: layer count unverified. NoPE layer interval not stated."),
 dict(model="Mistral-7B-v0.1", id="mistral-7b-v0.1", scaling=NONE, extra={"sliding_window": 4096},
      verification="copy",
      notes="head_dim = 4096/32; 8 KV heads. First copy is a 'Duplicate from mistralai/Mistral-7B-Instruct-v0.1' "
            "(the Instruct repo, not the base)."),
 dict(model="Mistral-7B-v0.2 (Instruct-v0.2 / community base)", id="mistral-7b-v0.2", scaling=NONE, extra={},
      verification="copy",
      notes="hf_repo cell also lists mistral-community/Mistral-7B-v0.2 (community base). sliding_window null in "
            "Instruct-v0.2 but 32768 in the community base (not put in extra). First source is a snapshot of "
            "mistralai/Mistral-7B-Instruct-v0.2."),
 dict(model="Mistral-7B-v0.3", id="mistral-7b-v0.3", scaling=NONE, extra={}, verification="copy",
      notes="Config from an unsloth copy; a params.json copy is also cited."),
 dict(model="Mixtral-8x7B-Instruct-v0.1", id="mixtral-8x7b-instruct-v0.1", scaling=NONE, extra={},
      verification="official", notes="head_dim = 4096/32; 8 KV heads."),
 dict(model="Mistral-NeMo-12B (Base-2407)", id="mistral-nemo-base-2407", scaling=NONE, extra={},
      verification="copy",
      notes="head_dim is explicit 128 (hidden 5120 / 32 heads would be 160). Some Instruct-2407 copies show "
            "max_position_embeddings 131072. Copies with _name_or_path mistralai/Mistral-Nemo-Base-2407."),
 dict(model="Mistral-Large-2 (Instruct-2407)", id="mistral-large-instruct-2407", scaling=NONE, extra={},
      verification="copy",
      notes="head_dim explicit (12288/96). An early duplicate shows max_position_embeddings 32768. Third source is "
            "a params.json of the later 2411 release."),
 dict(model="DeepSeek-LLM-7B-base", id="deepseek-llm-7b-base", scaling=NONE, extra={}, verification="copy",
      notes="rope_scaling null. head_dim = 4096/32. dtype from a derived copy; one cited copy is a repo named "
            "zephyr-7b-sft-full."),
 dict(model="DeepSeek-LLM-67B-base", id="deepseek-llm-67b-base", scaling=NONE, extra={}, verification="copy",
      notes="rope_scaling null. head_dim = 8192/64; 8 KV heads. dtype from a snapshot-derived copy."),
 dict(model="DeepSeek-Coder-6.7B-base", id="deepseek-coder-6.7b-base", original_context="4096",
      scaling=("linear", {"factor": 4.0}), extra={}, verification="copy",
      notes="Context 16384 = trained base 4096 x linear 4; original_context is that trained base (not a config "
            "key). head_dim = 4096/32. dtype unknown. Config from copies (TheBloke AWQ, uukuguy)."),
 dict(model="DeepSeek-V2 (236B)", id="deepseek-v2", rotary_dim="64", original_context="4096",
      scaling=("yarn", DSV2_YARN),
      extra={"mla": True, "qk_rope_head_dim": 64, "qk_nope_head_dim": 128, "v_head_dim": 128,
             "kv_lora_rank": 512},
      verification="official",
      notes="MLA: no single head_dim in the row (qk_nope_head_dim 128, qk_rope_head_dim 64, v 128), so head_dim "
            "left blank; rotary_dim = qk_rope_head_dim 64. dtype unknown. Official config plus commit diff."),
 dict(model="DeepSeek-Coder-V2-Lite-Base", id="deepseek-coder-v2-lite-base", rotary_dim="64",
      original_context="4096", scaling=("yarn", DSV2_YARN),
      extra={"mla": True, "qk_rope_head_dim": 64, "qk_nope_head_dim": 128},
      verification="official",
      notes="MLA: head_dim left blank (qk_nope 128); rotary_dim = qk_rope_head_dim 64. Scaling cell abbreviates "
            "orig 4096 (expanded to original_max_position_embeddings)."),
 dict(model="DeepSeek-V3 (671B)", id="deepseek-v3", rotary_dim="64", original_context="4096",
      scaling=("yarn", {"factor": 40, "beta_fast": 32, "beta_slow": 1, "mscale": 1.0, "mscale_all_dim": 1.0,
                        "original_max_position_embeddings": 4096}),
      extra={"mla": True, "qk_rope_head_dim": 64, "qk_nope_head_dim": 128, "v_head_dim": 128},
      verification="copy",
      notes="bfloat16 is the config dtype; weights are FP8 e4m3 with 128x128 blocks. MLA: head_dim left blank "
            "(nope 128, v 128); rotary_dim = qk_rope_head_dim 64. Values from deepseek-ai/DeepSeek-V3 "
            "inference/model.py ModelArgs (original_seq_len 4096, rope_theta 10000, rope_factor 40, beta_fast 32, "
            "beta_slow 1, mscale 1.0) and inference/configs/config_671B.json; HF config seen only in a copy."),
 dict(model="DeepSeek-R1 (671B)", id="deepseek-r1", ov={"head_dim": "192"}, rotary_dim="64",
      original_context="4096",
      scaling=("yarn", {"factor": 40, "original_max_position_embeddings": 4096, "yarn_log_multiplier": 0.1}),
      extra={"mla": True, "qk_rope_head_dim": 64, "key_length": 192},
      verification="third-party",
      notes="rope_theta, scaling and dims from GGUF metadata (Ollama): freq_base 10000, rope.dimension_count 64, "
            "key_length 192 (used as head_dim), yarn factor 40, original_context_length 4096, yarn_log_multiplier "
            "0.1 (a GGUF key, kept as published). beta/mscale of the HF config.json not seen. A quantized copy "
            "(OPEA int4) confirms 61 layers, qk_rope 64, mpe 163840. dtype unknown. Attention factor: llama.cpp's "
            "converter (convert_hf_to_gguf.py, DeepseekV2Model) writes yarn_log_multiplier = 0.1 x mscale_all_dim, so "
            "the GGUF's 0.1 means mscale_all_dim is one; mscale is not in GGUF metadata. Without both keys transformers' "
            "YaRN attention factor is 0.1 ln(factor) + one, while DeepSeek-V3's config (mscale = mscale_all_dim) gives "
            "exactly one; R1 is trained from V3-Base, so one is likely: analyse R1's config.json to know."),
 dict(model="DeepSeek-R1-Distill-Llama-8B", id="deepseek-r1-distill-llama-8b", original_context="8192",
      scaling=("llama3", llama3(8.0)), extra={}, verification="copy",
      notes="Scaling cell abbreviates low/high/orig. Config from an unsloth bnb-4bit copy."),
 dict(model="Qwen2-7B", id="qwen2-7b", scaling=NONE,
      extra={"sliding_window": 131072, "use_sliding_window": False}, verification="official",
      notes="head_dim = 3584/28; 4 KV heads. sliding_window 131072 but use_sliding_window false."),
 dict(model="Qwen2-72B-Instruct", id="qwen2-72b-instruct", scaling=NONE, extra=QWEN_RECOMMENDED,
      verification="official",
      notes="head_dim = 8192/64. rope_scaling none in config; README recommends adding yarn factor 4.0 / orig "
            "32768 for >32K (recorded in extra.recommended_rope_scaling, not applied)."),
 dict(model="Qwen2.5-7B", id="qwen2.5-7b", scaling=NONE, extra={}, verification="copy",
      notes="head_dim = 3584/28. Config from a DPO fine-tune (_name_or_path Qwen/Qwen2.5-7B)."),
 dict(model="Qwen2.5-7B-Instruct", id="qwen2.5-7b-instruct", scaling=NONE, extra=QWEN_RECOMMENDED,
      verification="copy",
      notes="rope_scaling none in config; README: add yarn factor 4.0, original_max_position_embeddings 32768 for "
            "up to 131072 (recorded in extra.recommended_rope_scaling, not applied)."),
 dict(model="Qwen2.5-7B-Instruct-1M", id="qwen2.5-7b-instruct-1m", original_context="262144", scaling=NONE,
      extra={"dual_chunk_attention_config": {"chunk_size": 262144, "local_size": 8192,
                                             "original_max_position_embeddings": 262144}},
      verification="copy",
      notes="rope_scaling null; original_context is dual_chunk_attention_config.original_max_position_embeddings. "
            "Config from an OpenVINO 8-bit copy (_name_or_path Qwen/Qwen2.5-7B-Instruct-1M)."),
 dict(model="Qwen2.5-14B-Instruct-1M", id="qwen2.5-14b-instruct-1m", original_context="262144", scaling=NONE,
      extra={"dual_chunk_attention_config": {"chunk_size": 262144, "local_size": 8192,
                                             "original_max_position_embeddings": 262144}},
      verification="official",
      notes="head_dim = 5120/40; 8 KV heads. rope_scaling null; original_context is the dual chunk attention orig "
            "262144 (cell abbreviates the key names)."),
 dict(model="Qwen2.5-Math-7B", id="qwen2.5-math-7b", scaling=NONE, extra={}, verification="copy",
      notes="rope_scaling null. dtype from a derived copy (_name_or_path Qwen/Qwen2.5-Math-7B)."),
 dict(model="Qwen3-8B", id="qwen3-8b", original_context="32768", scaling=NONE, extra=QWEN_RECOMMENDED,
      verification="copy",
      notes="head_dim explicit; 32 heads, 8 KV. original_context = pretraining max 32768 per Qwen docs "
            "(max_position_embeddings is 40960). rope_scaling null; docs: yarn factor 4.0 / orig 32768 to reach "
            "131072 (in extra.recommended_rope_scaling, not applied). Config from a 'Copy config.json from "
            "Qwen/Qwen3-8B' commit."),
 dict(model="Yi-6B-200K", id="yi-6b-200k", scaling=NONE, extra={}, verification="copy",
      notes="head_dim = 4096/32; 4 KV heads. dtype from a derived copy."),
 dict(model="Yi-34B-200K", id="yi-34b-200k", scaling=NONE, extra={}, verification="official",
      notes="head_dim = 7168/56; 8 KV heads. Official config at its initial revision."),
 dict(model="InternLM2-chat-7B", id="internlm2-chat-7b", scaling=("dynamic", {"factor": 1.0}), extra={},
      verification="official",
      notes="Dynamic NTK factor 1.0 in this revision (a no-op); later InternLM2 repos use 2.0 (e.g. "
            "internlm2-chat-7b-sft refs/pr/2). head_dim = 4096/32; 8 KV heads."),
 dict(model="InternLM2.5-20B-chat", id="internlm2.5-20b-chat", scaling=("dynamic", {"factor": 2.5}), extra={},
      verification="official", notes="Dynamic NTK. head_dim = 6144/48; 8 KV heads."),
 dict(model="Gemma-7B", id="gemma-7b", scaling=NONE, extra={}, verification="copy",
      notes="rope_scaling null. head_dim explicit 256 (16 heads). dtype from a derived copy."),
 dict(model="Gemma-2-9B", id="gemma-2-9b", scaling=NONE,
      extra={"sliding_window": 4096, "sliding_window_layers": "alternating"}, verification="copy",
      notes="head_dim 256 (16 heads, 8 KV). query_pre_attn_scalar 256. dtype unknown. Config from a derivative "
            "(_name_or_path google/gemma-2-9b)."),
 dict(model="Gemma-2-27B", id="gemma-2-27b-it", scaling=NONE, extra={"sliding_window": 4096},
      verification="copy",
      notes="Name says Gemma-2-27B but the data is from the -it repo (a GPTQ int4 copy). head_dim 128 (32 heads, "
            "16 KV). query_pre_attn_scalar 144. dtype from a derived copy."),
 dict(model="Gemma-3-12B-it", id="gemma-3-12b-it", ov={"rope_theta": "1000000"},
      scaling=("linear", {"factor": 8.0}), extra=GEMMA3_EXTRA, verification="copy",
      notes="Dual bases: rope_theta is the global base (1000000.0); sliding-window layers use rope_local_base_freq "
            "10000 (extra). Linear factor 8.0 applies to rope_theta/global. Config from a text-only extraction of "
            "google/gemma-3-12b-it. head_dim 256 (16 heads, 8 KV)."),
 dict(model="Gemma-3-4B", id="gemma-3-4b-it", ov={"rope_theta": "1000000"},
      scaling=("linear", {"factor": 8.0}), extra=GEMMA3_EXTRA, verification="copy",
      notes="Dual bases: global rope_theta 1000000.0; local (rope_local_base_freq) 10000 in extra. Linear factor "
            "8.0 on the global base. The copies do not name their source; identified as Gemma-3-4B by shape "
            "(hidden 2560, 34 layers). head_dim 256 (8 heads, 4 KV)."),
 dict(model="Gemma-3-1B", id="gemma-3-1b-it", scaling=("", None), extra=None, verification="copy",
      notes="Rope fields truncated in the copy seen: rope_theta, scaling, local base and sliding window unknown "
            "(scaling and extra left blank). dtype unknown. Copy built from unsloth/gemma-3-1b-it. head_dim 256 "
            "(4 heads, 1 KV)."),
 dict(model="Phi-3-mini-128k-instruct", id="phi-3-mini-128k-instruct", original_context="4096",
      scaling=("longrope", {"original_max_position_embeddings": 4096}), extra={"sliding_window": 262144},
      verification="copy",
      notes="LongRoPE short_factor/long_factor lists (48 each) are in the source, not here. Type 'su' at "
            "release, renamed 'longrope' with new factor lists in the July-2024 update (llama.cpp PR 8262); "
            "current name used. original_max_position_embeddings is a top-level config key. rope_theta 10000.0 "
            "and sliding_window 262144 come from a copy (yujiepan/phi-3-tiny-random, 'su' era), not the official "
            "excerpt, hence copy. head_dim = 3072/32. dtype unknown."),
 dict(model="Phi-3.5-mini-instruct", id="phi-3.5-mini-instruct", original_context="4096",
      scaling=("longrope", {"original_max_position_embeddings": 4096}), extra={}, verification="copy",
      notes="longrope short/long factor lists are in the source, not here. Config copies: GitHub test code "
            "(code-index file id 32223319525, 'See Phi-3.5-mini-instruct/config.json') and a fine-tune."),
 dict(model="GLM-4-9B-chat", id="glm-4-9b-chat", rotary_dim="64", scaling=NONE,
      extra={"rope_ratio": 500, "partial_rotary_factor": 0.5, "original_rope": True}, verification="official",
      notes="rope_theta is effective: the config has rope_ratio 500, no rope_theta; 500 x base 10000 per the "
            "transformers GLM converter (rope_theta=10000.0*rope_ratio). head_dim = kv_channels 128; rotary on 64 "
            "dims (partial_rotary_factor 0.5 seen in derivative genai-archive/glm-4-9b-chat-hf-fp8). Context key "
            "is seq_length. original_rope true."),
 dict(model="GLM-4-9B-chat-1M", id="glm-4-9b-chat-1m", rotary_dim="64", scaling=NONE,
      extra={"rope_ratio": 10000}, verification="official",
      notes="rope_theta is effective: rope_ratio 10000 x base 10000. Rotary on 64 of 128 dims. Context key is "
            "seq_length. See the cited HF discussion 20."),
 dict(model="LWM-Text-1M", id="lwm-text-1m", scaling=NONE, extra={}, verification="copy",
      notes="Theta-only extension of LLaMA-2-7B (no rope_scaling). head_dim = 4096/32. dtype unknown. Copies: a "
            "fine-tune (_name_or_path lwm-text-1m-safetensors) and a merge config of LWM-Text-Chat-1M."),
 dict(model="Llama-3-8B-Instruct-Gradient-1048k", id="llama-3-8b-instruct-gradient-1048k",
      ov={"rope_theta": ""}, scaling=NONE, extra={}, verification="copy",
      notes="rope_theta left blank: two published values, 3580165449.0 (later copies) and 2804339835.0 (snapshot "
            "909ddf7f); the README's final stage 2.80B matches the earlier. RoPE-theta-only extension (rope_scaling "
            "null); README stages 65K/262K/524K/1048K with theta 15.3M/207.1M/1.06B/2.80B. dtype from later copies."),
 dict(model="Llama-3-70B-Instruct-Gradient-1048k", id="llama-3-70b-instruct-gradient-1048k", scaling=NONE,
      extra={}, verification="copy",
      notes="rope_scaling null. head_dim = 8192/64. dtype unknown. Config from a fine-tune "
            "(_name_or_path gradientai/Llama-3-70B-Instruct-Gradient-1048k); revision of the value not known "
            "(the smaller Gradient 1048k model changed rope_theta between revisions)."),
 dict(model="MiniMax-Text-01", id="minimax-text-01", rotary_dim="64", scaling=NONE,
      extra={"partial_rotary": "half of head_dim", "softmax_attention_every_n_layers": 8,
             "other_layers": "lightning (linear) attention"},
      verification="official",
      notes="RoPE on half the head dim (64 of 128); model card: base frequency 10,000,000. Softmax attention every "
            "8th layer, the rest lightning/linear; layers is num_hidden_layers 80, not the count of RoPE layers. "
            "Training ctx 1M, inference up to 4M per card. dtype unknown."),
 dict(model="Command-R (v01, 35B)", id="command-r-v01", scaling=NONE, extra={}, verification="copy",
      notes="head_dim = 8192/64. max_position_embeddings 8192 but model_max_length 131072. Config from copies "
            "(AWQ, exl2)."),
 dict(model="Command-R 08-2024", id="command-r-08-2024", scaling=NONE, extra={}, verification="copy",
      notes="head_dim 128 (64 heads, 8 KV). Config from an unsloth copy."),
 dict(model="Falcon-7B", id="falcon-7b", scaling=NONE, extra={}, verification="copy",
      notes="rope_theta 10000.0 from the converted config; the original RW config had no field. head_dim = 4544/71 "
            "(multi-query). alibi false. Copy is a 'Duplicate from tiiuae/falcon-7b'."),
 dict(model="GPT-NeoX-20B", id="gpt-neox-20b", rotary_dim="24", scaling=NONE, extra={"rotary_pct": 0.25},
      verification="copy",
      notes="rope_theta from rotary_emb_base. head_dim = 6144/64; rotary 24 (rotary_pct 0.25). dtype unknown."),
 dict(model="Pythia-6.9B", id="pythia-6.9b", rotary_dim="32", scaling=NONE, extra={"rotary_pct": 0.25},
      verification="copy",
      notes="rope_theta from rotary_emb_base. head_dim = 4096/32; rotary 32 (rotary_pct 0.25). Config from "
            "EleutherAI/pythia-6.9b-v0 (refs/pr/4) and a derivative."),
 dict(model="GPT-J-6B", id="gpt-j-6b", rotary_dim="64", scaling=NONE, extra={"rotary_dim": 64},
      verification="third-party",
      notes="rope_theta 10000 is hardcoded in HF GPT-J create_sinusoidal_positions (no config field), hence "
            "third-party. head_dim = 4096/16; rotary_dim 64. Context key is n_positions. dtype float32 from copies."),
]

# --- parsing helpers -------------------------------------------------------------------
URL_RE = re.compile(r"https?://[^\s,;()'\"]+")
# numbers not glued to a preceding letter/underscore (so "bfloat16", "e4m3", "qwen2" give nothing)
NUM_RE = re.compile(r"(?<![A-Za-z_\d.])(?:\d{1,3}(?:,\d{3}(?!\d))+(?:\.\d+)?|\d+(?:\.\d+)?)")
DIV_RE = re.compile(r"(\d+)\s*/\s*(\d+)")
MUL_RE = re.compile(r"(\d+(?:\.\d+)?)\s*x\s*(?:[A-Za-z_]+\s+)?(\d+(?:\.\d+)?)")
LEAD_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)(?![\d.])")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")


def canon(s):
    """Canonical decimal string: '10000.0' -> '10000', '2.80' -> '2.8'."""
    d = Decimal(str(s).replace(",", ""))
    t = format(d, "f")
    if "." in t:
        t = t.rstrip("0").rstrip(".")
    return t


def lead(cell):
    m = LEAD_RE.match(cell)
    return canon(m.group(1)) if m else ""


def numbers_in(text):
    nums = {canon(t) for t in NUM_RE.findall(text)}
    for a, b in DIV_RE.findall(text):
        if int(b) and int(a) % int(b) == 0:
            nums.add(str(int(a) // int(b)))
    for a, b in MUL_RE.findall(text):
        nums.add(canon(Decimal(a) * Decimal(b)))
    return nums


def json_numbers(obj):
    if isinstance(obj, bool) or obj is None or isinstance(obj, str):
        return
    if isinstance(obj, (int, float)):
        yield canon(repr(obj))
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from json_numbers(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from json_numbers(v)


def compact(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def read_source(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == SRC_HEADER, f"unexpected source header {rows[0]}"
    body = [r for r in rows[1:] if any(c.strip() for c in r)]
    for r in body:
        assert len(r) == len(SRC_HEADER), f"bad source row {r[:1]}: {len(r)} fields"
    return [dict(zip(SRC_HEADER, r)) for r in body]


# --- build -----------------------------------------------------------------------------
def build(src):
    assert len(src) == len(ROWS), f"source has {len(src)} rows, table has {len(ROWS)}"
    out, overrides = [], []
    for i, (s, e) in enumerate(zip(src, ROWS), 1):
        assert s["model"] == e["model"], f"row {i}: source {s['model']!r} != table {e['model']!r}"
        repo = re.split(r"\s+;\s+|\s+\(", s["hf_repo"].strip())[0].strip()
        urls = []
        for u in URL_RE.findall(s["source"]):
            u = u.rstrip(".")
            if u not in urls:
                urls.append(u)
        dt = s["dtype"].split()[0] if s["dtype"].strip() else ""
        auto = {"rope_theta": lead(s["rope_theta"]), "head_dim": lead(s["head_dim"]),
                "layers": lead(s["num_layers"]), "context": lead(s["max_position_embeddings"]),
                "dtype": dt if dt in DTYPES else ""}
        vals = dict(auto)
        for k, v in e.get("ov", {}).items():
            assert k in auto, k
            if v != auto[k]:
                overrides.append(f"row {i} {e['id']}: {k} {auto[k] or '(blank)'} -> {v or '(blank)'}")
            vals[k] = v
        stype, sparams = e["scaling"]
        rec = {
            "id": e["id"], "name": s["model"].strip(), "hf_repo": repo,
            "rope_theta": vals["rope_theta"], "head_dim": vals["head_dim"],
            "rotary_dim": e.get("rotary_dim", ""), "layers": vals["layers"],
            "context": vals["context"], "original_context": e.get("original_context", ""),
            "dtype": vals["dtype"], "scaling_type": stype,
            "scaling_params": "" if sparams is None else compact(sparams),
            "extra": "" if e["extra"] is None else compact(e["extra"]),
            "source": " ".join(urls), "verification": e["verification"], "notes": e["notes"],
        }
        out.append(rec)
    return out, overrides


def serialize(records):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(HEADER)
    for r in records:
        w.writerow([r[h] for h in HEADER])
    return buf.getvalue()


# --- check -----------------------------------------------------------------------------
def check(path, src):
    raw = Path(path).read_bytes()
    text = raw.decode("utf-8")                                  # UTF-8
    assert "\r" not in text, "CR found: line ends must be LF"
    assert text.endswith("\n"), "missing final LF"
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == HEADER, f"header mismatch: {rows[0]}"
    for r in rows:
        assert len(r) == len(HEADER), f"row {r[:1]} has {len(r)} fields"
        assert not r[0].startswith("#"), "comment line found"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    assert buf.getvalue() == text, "not minimal RFC 4180 quoting / not canonical"
    recs = [dict(zip(HEADER, r)) for r in rows[1:]]

    # (a) same number of rows and order
    assert len(recs) == len(src), f"{len(recs)} registry rows vs {len(src)} source rows"
    for i, (r, s) in enumerate(zip(recs, src), 1):
        assert r["name"] == s["model"].strip(), f"row {i}: order/name mismatch {r['name']!r}"

    # (c) ids
    ids = [r["id"] for r in recs]
    assert len(set(ids)) == len(ids), "duplicate ids"
    for x in ids:
        assert SLUG_RE.match(x), f"bad id {x!r}"

    checked = 0
    for i, (r, s) in enumerate(zip(recs, src), 1):
        where = f"row {i} ({r['id']})"
        whole = " ".join(s[k] for k in SRC_HEADER)
        plain = URL_RE.sub(" ", whole)
        allowed, allowed_all = numbers_in(plain), numbers_in(urllib.parse.unquote(whole))
        # provenance of text fields
        assert r["hf_repo"] in s["hf_repo"], f"{where}: hf_repo not in source cell"
        urls = r["source"].split()
        for u in urls:
            assert u in s["source"], f"{where}: URL not in source cell: {u}"
        assert len(urls) == len({u.rstrip('.') for u in URL_RE.findall(s['source'])}), \
            f"{where}: source URLs incomplete"
        # (b) numeric columns
        for k in NUMERIC:
            v = r[k]
            if not v:
                continue
            pat = r"^\d+(\.\d*[1-9])?$" if k == "rope_theta" else r"^[1-9]\d*$"
            assert re.match(pat, v), f"{where}: {k}={v!r} not a plain number"
            assert canon(v) in allowed, f"{where}: {k}={v} does not occur in the source row"
            checked += 1
        # (d) JSON objects (+ numbers inside them)
        objs = {}
        for k in ("scaling_params", "extra"):
            if r[k]:
                o = json.loads(r[k])
                assert isinstance(o, dict), f"{where}: {k} is not a JSON object"
                objs[k] = o
                for n in json_numbers(o):
                    assert n in allowed, f"{where}: number {n} in {k} does not occur in the source row"
                    checked += 1
        for t in NUM_RE.findall(r["notes"]):
            assert canon(t) in allowed_all, f"{where}: number {t} in notes not in the source row"
        # enums and consistency
        assert r["dtype"] in DTYPES | {""}, f"{where}: dtype {r['dtype']!r}"
        assert r["verification"] in VERIFICATION, f"{where}: verification {r['verification']!r}"
        st = r["scaling_type"]
        if st not in SCALING_TYPES | {""}:
            print(f"NOTE {where}: non-standard scaling_type {st!r} (kept as published)")
        assert (st == "") == (r["scaling_params"] == ""), f"{where}: scaling type/params blankness differ"
        if st == "none":
            assert objs.get("scaling_params") == {}, f"{where}: none must have {{}}"
        elif st:
            assert objs.get("scaling_params"), f"{where}: {st} without params"
        if r["rotary_dim"]:
            assert not r["head_dim"] or int(r["rotary_dim"]) < int(r["head_dim"]), f"{where}: rotary_dim"
        if r["original_context"] and r["context"]:
            assert int(r["original_context"]) < int(r["context"]), f"{where}: original_context"
        omp = objs.get("scaling_params", {}).get("original_max_position_embeddings")
        if omp is not None:
            assert str(omp) == r["original_context"], f"{where}: scaling orig != original_context"
        assert "\n" not in r["notes"] and r["notes"] == r["notes"].strip(), f"{where}: notes format"
    return recs, checked


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", default=DEFAULT_SOURCE)
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--check", action="store_true", help="compare only, do not write")
    a = ap.parse_args()

    src = read_source(a.source)
    records, overrides = build(src)
    text = serialize(records)
    out = Path(a.out)
    if a.check:
        assert out.exists(), f"{out} missing"
        assert out.read_text(encoding="utf-8") == text, f"{out} differs from what the script generates"
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8", newline="") as f:
            f.write(text)

    recs, checked = check(out, src)
    print(f"registry: {out}")
    print(f"source:   {a.source}")
    print(f"rows: {len(recs)} (source rows: {len(src)}), same order: yes, ids unique: yes")
    print(f"numbers traced to the source row: {checked}")
    for k in ["rope_theta", "head_dim", "rotary_dim", "layers", "context", "original_context", "dtype",
              "scaling_type", "scaling_params", "extra", "source"]:
        print(f"  blank {k:17s} {sum(1 for r in recs if not r[k])}")
    for k in ("verification", "scaling_type"):
        counts = {}
        for r in recs:
            counts[r[k] or "(blank)"] = counts.get(r[k] or "(blank)", 0) + 1
        print(f"  {k}: " + ", ".join(f"{v} {c}" for v, c in sorted(counts.items())))
    print("overrides of the mechanically parsed columns:")
    for o in overrides:
        print("  " + o)
    print("OK")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        sys.exit(1)
