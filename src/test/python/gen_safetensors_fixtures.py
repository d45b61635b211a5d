#!/usr/bin/env python3
"""Fixtures for `ropebounds crosscheck FILE.safetensors --tensor NAME`: arrays of the crosscheck fixtures
(src/test/resources/fixtures/crosscheck/*.npy, made by gen_crosscheck_fixtures.py, whose expected reports
MPFR computed: expected.json) stored again by the official `safetensors` package, plus hostile files.

    python3 -m venv /tmp/st-venv
    /tmp/st-venv/bin/pip install -r src/test/python/requirements-safetensors.txt
    /tmp/st-venv/bin/python src/test/python/gen_safetensors_fixtures.py          # (re)write
    /tmp/st-venv/bin/python src/test/python/gen_safetensors_fixtures.py --check  # compare only

Copies (cases.json says, for each, the tensor and the .npy case of expected.json it copies; the same array
stored either way must give the same report):
* inv_freq_fp32.safetensors: one F32 tensor 'model.rotary_emb.inv_freq' = inv_freq_fp32_planted.npy, with
  __metadata__ {"format": "pt"} as safetensors.torch.save_file writes it.
* phase_bf16.safetensors: one BF16 tensor 'phase' = phase_bf16.npy (ml_dtypes bfloat16, which
  safetensors.numpy stores as BF16 itself: no hand-written bytes).
* cos_bf16.safetensors: one BF16 tensor 'model.rotary_emb.cos_cached' = cos_bf16_concat.npy (a bf16 cos
  cache, 256 x 32, concat layout).
* rope_cache.safetensors: 'cos' (F32, cos_fp32_concat.npy), 'cos_fp16' (F16, cos_fp16.npy), 'sin' (F64,
  sin_fp64.npy) and 'position_ids' (I64, a dtype crosscheck refuses: present to show that another tensor's
  dtype does not matter).
* many_tensors.safetensors: 12 F32 tensors 'layers.K.rotary_emb.inv_freq' = inv_freq_fp32_correct.npy (for
  the truncated list of names).

Hostile files (written here byte by byte where the package would refuse to write them):
* unknown_dtype.safetensors: one I64 tensor (written by the package).
* header_beyond_file.safetensors: inv_freq_fp32.safetensors with its header length raised past the file.
* offsets_beyond_file.safetensors: the tensor's data_offsets end 4 bytes past the data.
* shape_mismatch.safetensors: shape [65] for 64 F32 entries (256 bytes).
* duplicate_key.safetensors: the tensor's entry given twice in the header (safetensors 0.8.0 itself reads
  this file, the last entry winning; ropebounds refuses it, as it refuses a key given twice in any JSON).
* overlap.safetensors: two tensors on the same bytes.
* truncated.safetensors: inv_freq_fp32.safetensors without its last 100 bytes.
"""
import json
import struct
import sys
from pathlib import Path

import ml_dtypes
import numpy as np
import safetensors
import safetensors.numpy as stnp

from fixture_files import write_or_check

SRC = Path(__file__).resolve().parents[2] / "test" / "resources" / "fixtures" / "crosscheck"
OUT = SRC / "safetensors"


def load(name):
    a = np.load(SRC / name, allow_pickle=False)
    if a.dtype == np.dtype("V2"):  # ml_dtypes' bfloat16 as numpy saves it
        a = a.view(ml_dtypes.bfloat16)
    return a


def by_hand(header, data):
    """A file laid out as safetensors lays it out: the JSON padded with spaces to a multiple of 8 bytes."""
    text = json.dumps(header, separators=(",", ":")) if isinstance(header, dict) else header
    raw = text.encode("utf-8")
    raw += b" " * (-len(raw) % 8)
    return struct.pack("<Q", len(raw)) + raw + data


def main(check):
    inv_planted = load("inv_freq_fp32_planted.npy")
    inv_correct = load("inv_freq_fp32_correct.npy")
    phase = load("phase_bf16.npy")
    assert phase.dtype == ml_dtypes.bfloat16
    files = {}
    files["inv_freq_fp32.safetensors"] = stnp.save({"model.rotary_emb.inv_freq": inv_planted}, metadata={"format": "pt"})
    files["phase_bf16.safetensors"] = stnp.save({"phase": phase})
    files["cos_bf16.safetensors"] = stnp.save({"model.rotary_emb.cos_cached": load("cos_bf16_concat.npy")}, metadata={"format": "pt"})
    files["rope_cache.safetensors"] = stnp.save({
        "cos": load("cos_fp32_concat.npy"),
        "cos_fp16": load("cos_fp16.npy"),
        "sin": load("sin_fp64.npy"),
        "position_ids": np.arange(256, dtype=np.int64).reshape(1, 256),
    })
    files["many_tensors.safetensors"] = stnp.save({f"layers.{k}.rotary_emb.inv_freq": inv_correct for k in range(12)})
    files["unknown_dtype.safetensors"] = stnp.save({"position_ids": np.arange(64, dtype=np.int64)})

    good = files["inv_freq_fp32.safetensors"]
    n = struct.unpack("<Q", good[:8])[0]
    files["header_beyond_file.safetensors"] = struct.pack("<Q", len(good)) + good[8:]
    files["truncated.safetensors"] = good[:-100]
    data = inv_planted.tobytes()
    t = {"dtype": "F32", "shape": [64], "data_offsets": [0, 256]}
    files["offsets_beyond_file.safetensors"] = by_hand({"inv_freq": dict(t, data_offsets=[4, 260])}, data)
    files["shape_mismatch.safetensors"] = by_hand({"inv_freq": dict(t, shape=[65])}, data)
    entry = json.dumps(t, separators=(",", ":"))
    files["duplicate_key.safetensors"] = by_hand('{"inv_freq":' + entry + ',"inv_freq":' + entry + '}', data)
    files["overlap.safetensors"] = by_hand({"a": t, "b": t}, data)

    # what each copy is, checked here with the package's own reader
    cases = [
        {"file": "inv_freq_fp32.safetensors", "tensor": "model.rotary_emb.inv_freq", "copy_of": "inv_freq_fp32_planted.npy"},
        {"file": "phase_bf16.safetensors", "tensor": "phase", "copy_of": "phase_bf16.npy"},
        {"file": "cos_bf16.safetensors", "tensor": "model.rotary_emb.cos_cached", "copy_of": "cos_bf16_concat.npy"},
        {"file": "rope_cache.safetensors", "tensor": "cos", "copy_of": "cos_fp32_concat.npy"},
        {"file": "rope_cache.safetensors", "tensor": "cos_fp16", "copy_of": "cos_fp16.npy"},
        {"file": "rope_cache.safetensors", "tensor": "sin", "copy_of": "sin_fp64.npy"},
    ]
    dtypes = {np.dtype(np.float32): "F32", np.dtype(np.float64): "F64", np.dtype(np.float16): "F16", np.dtype(ml_dtypes.bfloat16): "BF16"}
    for c in cases:  # safetensors.deserialize: the package's own reader (safetensors.numpy.load lacks BF16)
        got = dict(safetensors.deserialize(files[c["file"]]))[c["tensor"]]
        want = load(c["copy_of"])
        assert got["dtype"] == dtypes[want.dtype] and tuple(got["shape"]) == want.shape and bytes(got["data"]) == want.tobytes(), c
    for bad in ("header_beyond_file", "truncated", "offsets_beyond_file", "shape_mismatch", "overlap"):  # duplicate_key: the package reads it (the last entry wins)
        try:
            safetensors.deserialize(files[bad + ".safetensors"])
        except Exception:
            pass
        else:
            raise AssertionError(bad + " was read by safetensors")
    files["cases.json"] = json.dumps({
        "generator": "src/test/python/gen_safetensors_fixtures.py",
        "versions": {"safetensors": safetensors.__version__, "numpy": np.__version__, "ml_dtypes": ml_dtypes.__version__},
        "cases": cases,
    }, indent=1, sort_keys=True) + "\n"
    bad = write_or_check(OUT, files, check)
    if bad:
        print("differ:", bad)
        sys.exit(1)


if __name__ == "__main__":
    main("--check" in sys.argv)
