"""Writes the GGUF fixtures of src/test/resources/fixtures/gguf/ with llama.cpp's own `gguf` package.

Each valid file holds metadata only (and, for the llama3-style one, the tiny rope_freqs tensor that
llama.cpp's convert_hf_to_gguf.py writes for rope_type llama3), written by gguf.GGUFWriter; what
gguf.GGUFReader reads back from it is recorded in expected.json (floats as exact hex), so the Java
tests compare with gguf's reader, not with themselves. The hostile and truncated variants are made
from the valid ones by editing bytes; expected.json says what each edit is.

    python3 -m venv /tmp/gguf-venv && /tmp/gguf-venv/bin/pip install -r src/test/python/requirements-gguf.txt
    /tmp/gguf-venv/bin/python src/test/python/gen_gguf_fixtures.py
"""
import json
import math
import os
import struct

import numpy as np
import gguf

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "gguf")


def llama3_factors(base, dim, factor, low, high, original):
    """rope_freqs as convert_hf_to_gguf.py (LlamaModel.generate_extra_tensors) computes them."""
    freqs = 1.0 / (base ** (np.arange(0, dim, 2, dtype=np.float32) / dim))
    low_wavelen = original / low
    high_wavelen = original / high
    factors = []
    for freq in freqs:
        wavelen = 2 * math.pi / freq
        if wavelen < high_wavelen:
            factors.append(1)
        elif wavelen > low_wavelen:
            factors.append(factor)
        else:
            smooth = (original / wavelen - low) / (high - low)
            factors.append(1 / ((1 - smooth) / factor + smooth))
    return np.array(factors, dtype=np.float32)


def write(name, arch, fill, tensors=()):
    path = os.path.join(OUT, name)
    w = gguf.GGUFWriter(path, arch)
    fill(w)
    for tname, data in tensors:
        w.add_tensor(tname, data)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


def plain(w):
    w.add_name("plain-test")
    w.add_context_length(4096)
    w.add_embedding_length(4096)
    w.add_block_count(32)
    w.add_head_count(32)
    w.add_rope_dimension_count(128)
    w.add_rope_freq_base(10000.0)
    w.add_file_type(gguf.LlamaFileType.MOSTLY_F16)
    w.add_array("general.tags", ["a", "b"])


LLAMA3 = dict(base=500000.0, dim=128, factor=8.0, low=1.0, high=4.0, original=8192)


def llama3(w):
    w.add_name("llama3-test")
    w.add_context_length(131072)
    w.add_embedding_length(4096)
    w.add_block_count(32)
    w.add_head_count(32)
    w.add_rope_dimension_count(128)
    w.add_rope_freq_base(500000.0)
    w.add_file_type(gguf.LlamaFileType.MOSTLY_BF16)


def yarn(w):
    w.add_name("yarn-test")
    w.add_context_length(131072)
    w.add_embedding_length(5120)
    w.add_block_count(64)
    w.add_head_count(40)
    w.add_rope_freq_base(1000000.0)
    w.add_rope_scaling_type(gguf.RopeScalingType.YARN)
    w.add_rope_scaling_factor(4.0)
    w.add_rope_scaling_orig_ctx_len(32768)
    w.add_rope_scaling_yarn_beta_fast(32.0)
    w.add_rope_scaling_yarn_beta_slow(1.0)
    w.add_rope_scaling_yarn_log_mul(0.1)
    w.add_file_type(gguf.LlamaFileType.MOSTLY_BF16)


def nested(w):
    plain(w)
    w.add_array("test.nested", [[[[1]]]])  # four levels of arrays


def nested_two(w):
    plain(w)
    w.add_array("test.nested", [[1, 2], [3]])  # two levels: within the reader's limit


def f32hex(x):
    return float(np.float32(x)).hex()


def record(path):
    """What gguf's own reader sees: version, counts, scalars (floats as exact hex), tensors."""
    r = gguf.GGUFReader(path)
    fields = {}
    for name, f in r.fields.items():
        if name.startswith("GGUF."):
            continue
        t = f.types[0]
        if t == gguf.GGUFValueType.ARRAY:
            # parts: key length, key, type, element type, length, ... (len(f.data) counts the leaves of nested arrays)
            fields[name] = {"type": "array", "length": int(f.parts[4][0]), "leaves": len(f.data)}
        elif t == gguf.GGUFValueType.STRING:
            fields[name] = {"type": "string", "value": f.contents()}
        elif t in (gguf.GGUFValueType.FLOAT32, gguf.GGUFValueType.FLOAT64):
            fields[name] = {"type": t.name.lower(), "value": float(f.contents()).hex()}
        elif t == gguf.GGUFValueType.BOOL:
            fields[name] = {"type": "bool", "value": bool(f.contents())}
        else:
            fields[name] = {"type": t.name.lower(), "value": int(f.contents())}
    tensors = [{"name": t.name, "shape": [int(s) for s in t.shape], "type": int(t.tensor_type),
                "data_offset": int(t.data_offset),
                "values": [float(v).hex() for v in np.asarray(t.data).reshape(-1)]} for t in r.tensors]
    version = int(r.fields["GGUF.version"].contents())
    return {"version": version, "kv_count": len(fields), "tensor_count": len(r.tensors), "size": os.path.getsize(path),
            "fields": fields, "tensors": tensors}


def edited(src, name, edits=(), cut=None):
    with open(os.path.join(OUT, src), "rb") as f:
        data = bytearray(f.read())
    for offset, value in edits:
        data[offset:offset + len(value)] = value
    if cut is not None:
        data = data[:cut]
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(bytes(data))


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = {"gguf_version": gguf.__version__ if hasattr(gguf, "__version__") else "0.19.0", "valid": {}, "hostile": {}}
    p = LLAMA3
    factors = llama3_factors(p["base"], p["dim"], p["factor"], p["low"], p["high"], p["original"])
    write("plain.gguf", "llama", plain)
    write("llama3.gguf", "llama", llama3, [("rope_freqs.weight", factors)])
    write("yarn.gguf", "qwen2", yarn)
    write("nested-deep.gguf", "llama", nested)
    write("nested-two.gguf", "llama", nested_two)
    for name in ("plain.gguf", "llama3.gguf", "yarn.gguf", "nested-two.gguf"):
        expected["valid"][name] = record(os.path.join(OUT, name))
    expected["valid"]["llama3.gguf"]["llama3_parameters"] = {k: (v if isinstance(v, int) else float(v).hex()) for k, v in p.items()}

    # version 2 has the same little-endian layout as 3 (64-bit counts)
    edited("plain.gguf", "plain-v2.gguf", [(4, struct.pack("<I", 2))])
    expected["valid"]["plain-v2.gguf"] = record(os.path.join(OUT, "plain-v2.gguf"))

    plain_bytes = open(os.path.join(OUT, "plain.gguf"), "rb").read()
    llama3_bytes = open(os.path.join(OUT, "llama3.gguf"), "rb").read()
    first_key = 24  # magic, version, tensor count, kv count
    key_len = struct.unpack_from("<Q", plain_bytes, first_key)[0]
    first_type = first_key + 8 + key_len
    tags = plain_bytes.index(b"general.tags") + len(b"general.tags")  # then u32 type ARRAY, u32 STRING, u64 count
    hostile = {
        "bad-version.gguf": ("plain.gguf", [(4, struct.pack("<I", 4))], None, "version 4"),
        "version1.gguf": ("plain.gguf", [(4, struct.pack("<I", 1))], None, "version 1 (32-bit counts)"),
        "big-endian.gguf": ("plain.gguf", [(4, struct.pack(">I", 3))], None, "version 3 written big-endian"),
        "huge-kv-count.gguf": ("plain.gguf", [(16, struct.pack("<Q", 1 << 60))], None, "kv count 2^60"),
        "huge-tensor-count.gguf": ("plain.gguf", [(8, struct.pack("<Q", 1 << 40))], None, "tensor count 2^40"),
        "huge-string.gguf": ("plain.gguf", [(first_key, struct.pack("<Q", 1 << 40))], None, "first key's length 2^40"),
        "unknown-type.gguf": ("plain.gguf", [(first_type, struct.pack("<I", 13))], None, "first value's type 13"),
        "huge-array.gguf": ("plain.gguf", [(tags + 8, struct.pack("<Q", 1 << 50))], None, "general.tags length 2^50"),
        "truncated-header.gguf": ("plain.gguf", [], 20, "cut inside the kv count"),
        "truncated-kv.gguf": ("plain.gguf", [], tags + 4, "cut inside the metadata"),
        "truncated-tensor-data.gguf": ("llama3.gguf", [], len(llama3_bytes) - 100, "cut inside rope_freqs' data"),
    }
    for name, (src, edits, cut, what) in hostile.items():
        edited(src, name, edits, cut)
        expected["hostile"][name] = what
    expected["hostile"]["nested-deep.gguf"] = "test.nested: arrays nested four deep"
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
