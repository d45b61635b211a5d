"""Fixtures for `ropebounds reference` (src/test/resources/fixtures/reference/), independent of the Java code.

mpmath/: reference arrays computed with mpmath at 400 bits and rounded here (nearest-even, with the format's
subnormals) to the dtype, stored as `reference` stores them (fp64/fp32/fp16 natively, bf16 as uint16 and fp8 as
uint8 encodings, through ml_dtypes), with manifest.json giving each one's parameters.

torch/: transformers' LlamaRotaryEmbedding cos/sin caches (rows = positions, columns = cat(freqs, freqs)) in
float32 and bfloat16 around 2^17 and 2^20, as torch computes them on this CPU, with manifest.json.

Run from /tmp/venv-torch (requirements-reference.txt):
    python src/test/python/gen_reference_fixtures.py            # write
    python src/test/python/gen_reference_fixtures.py --check    # compare with the committed files
    python src/test/python/gen_reference_fixtures.py --pytest target/ropebounds.jar
        # writes references with --emit pytest and runs each emitted file (without pytest: python FILE) against
        # LlamaRotaryEmbedding (must pass) and against it with its inv_freq cast to bf16 (transformers#25681: must fail)
"""
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import ml_dtypes
import mpmath
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fixture_files import write_or_check  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "resources" / "fixtures" / "reference"
mpmath.mp.prec = 400

# name: precision p (bits, with the leading one), emin, storage
FORMATS = {
    "fp64": (53, -1022, np.float64), "fp32": (24, -126, np.float32), "fp16": (11, -14, np.float16),
    "bf16": (8, -126, ml_dtypes.bfloat16), "fp8-e4m3": (4, -6, ml_dtypes.float8_e4m3fn), "fp8-e5m2": (3, -14, ml_dtypes.float8_e5m2),
}


def round_to(x, fmt):
    """x (an mpf) rounded to nearest, ties to even, in the format: exponent clamped at emin (subnormals)."""
    p, emin, _ = FORMATS[fmt]
    if x == 0:
        return mpmath.mpf(0)
    e = max(int(mpmath.floor(mpmath.log(abs(x), 2))), emin)
    # guard against log2's own rounding at a power of two
    while abs(x) >= mpmath.mpf(2) ** (e + 1):
        e += 1
    while e > emin and abs(x) < mpmath.mpf(2) ** e:
        e -= 1
    q = mpmath.mpf(2) ** (e - p + 1)
    s = x / q  # exact: a power of two
    n = mpmath.floor(s)
    frac = s - n
    if frac > 0.5 or (frac == 0.5 and int(n) % 2 == 1):
        n += 1
    return n * q


def exact(quantity, base, d, i, p):
    theta = mpmath.power(mpmath.mpf(base), mpmath.mpf(-2 * i) / d)
    if quantity == "inv_freq":
        return theta
    x = mpmath.mpf(p) * theta
    return {"phase": x, "cos": mpmath.cos(x), "sin": mpmath.sin(x)}[quantity]


def stored(values, fmt):
    """The values (exact floats of fmt) as the .npy array `reference` writes: bits for bf16 and fp8."""
    a = np.array([float(v) for v in values], dtype=np.float64).astype(FORMATS[fmt][2])
    if fmt == "bf16":
        return a.view(np.uint16)
    if fmt.startswith("fp8"):
        return a.view(np.uint8)
    return a


def npy_bytes(a):
    buf = io.BytesIO()
    np.save(buf, a, allow_pickle=False)
    return buf.getvalue()


# name, quantity, base, head dim, first, end (half-open; ignored for inv_freq), dtype, layout
MPMATH_CASES = [
    ("cos_bf16_concat_2p17", "cos", 500000, 128, 2**17 - 32, 2**17 + 32, "bf16", "concat"),
    ("sin_fp16_2p20", "sin", 10000, 64, 2**20 - 8, 2**20 + 8, "fp16", "modes"),
    ("phase_fp32_2p24", "phase", 10000, 16, 2**24 - 4, 2**24 + 4, "fp32", "modes"),
    ("inv_freq_fp32", "inv_freq", 500000, 128, 0, 0, "fp32", "modes"),
    ("cos_fp8_e4m3_1m", "cos", 10000, 32, 1000000 - 8, 1000000 + 8, "fp8-e4m3", "interleave"),
    ("sin_fp64_2p53", "sin", 500000, 8, 2**53 - 4, 2**53, "fp64", "modes"),
]


def mpmath_case(quantity, base, d, first, end, fmt, layout):
    modes = d // 2
    cols = modes if layout == "modes" else d
    rows = [0] if quantity == "inv_freq" else range(first, end)
    out = []
    for p in rows:
        row = [round_to(exact(quantity, base, d, i, p), fmt) for i in range(modes)]
        for j in range(cols):
            out.append(row[j] if layout == "modes" else row[j % modes] if layout == "concat" else row[j // 2])
    a = stored(out, fmt)
    return a if quantity == "inv_freq" else a.reshape(len(rows), cols)


TORCH_BASE = 500000.0
TORCH_HEAD_DIM = 128
TORCH_WINDOWS = {"2p17": (2**17 - 32, 2**17 + 32), "2p20": (2**20 - 32, 2**20 + 32)}


def llama_rope(base=TORCH_BASE, head_dim=TORCH_HEAD_DIM):
    from transformers import LlamaConfig
    from transformers.models.llama.modeling_llama import LlamaRotaryEmbedding
    config = LlamaConfig(hidden_size=head_dim * 4, num_attention_heads=4, head_dim=head_dim, max_position_embeddings=2**21,
                         rope_parameters={"rope_type": "default", "rope_theta": base})
    return LlamaRotaryEmbedding(config)


def llama_cache(first, end, dtype, base=TORCH_BASE, head_dim=TORCH_HEAD_DIM):
    import torch
    rope = llama_rope(base, head_dim)
    positions = torch.arange(first, end, dtype=torch.int64)[None, :]
    cos, sin = rope(torch.zeros(1, dtype=dtype), positions)
    return cos[0], sin[0]


def torch_files():
    import torch
    import transformers
    files, manifest = {}, {"torch": torch.__version__, "transformers": transformers.__version__, "base": "500000", "head_dim": TORCH_HEAD_DIM,
                           "layout": "concat", "module": "transformers.models.llama.modeling_llama.LlamaRotaryEmbedding", "arrays": {}}
    for window, (first, end) in TORCH_WINDOWS.items():
        for tname, dtype, fmt in (("fp32", torch.float32, "fp32"), ("bf16", torch.bfloat16, "bf16")):
            cos, sin = llama_cache(first, end, dtype)
            for q, t in (("cos", cos), ("sin", sin)):
                a = t.view(torch.uint16).numpy() if dtype == torch.bfloat16 else t.numpy()
                name = f"llama_{q}_{tname}_{window}.npy"
                files[name] = npy_bytes(np.ascontiguousarray(a))
                manifest["arrays"][name] = {"quantity": q, "dtype": fmt, "first_position": str(first), "positions_end": str(end)}
    files["manifest.json"] = json.dumps(manifest, indent=2) + "\n"
    return files


def mpmath_files():
    files, manifest = {}, {"mpmath": mpmath.__version__, "precision_bits": mpmath.mp.prec, "rounding": "nearest-even with subnormals",
                           "arrays": {}}
    for name, q, base, d, first, end, fmt, layout in MPMATH_CASES:
        files[name + ".npy"] = npy_bytes(mpmath_case(q, base, d, first, end, fmt, layout))
        entry = {"quantity": q, "base": str(base), "head_dim": d, "dtype": fmt, "layout": layout}
        if q != "inv_freq":
            entry.update({"first_position": str(first), "positions_end": str(end)})
        manifest["arrays"][name + ".npy"] = entry
    files["manifest.json"] = json.dumps(manifest, indent=2) + "\n"
    return files


IMPL = '''
import torch
import gen_reference_fixtures as g

def f(positions):
    rope = g.llama_rope()
    if {bf16_inv_freq}:  # transformers#25681: the inv_freq buffer cast to bf16
        rope.inv_freq = rope.inv_freq.to(torch.bfloat16).float()
    cos, sin = rope(torch.zeros(1, dtype=torch.{dtype}), positions[None, :])
    return {q}[0]
'''


def run_pytest_files(jar):
    """Emits references with --emit pytest and runs them against LlamaRotaryEmbedding; returns the failures."""
    bad = []
    here = Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory() as tmp:
        for q in ("cos", "sin"):
            for fmt, dtype in (("bf16", "bfloat16"), ("fp32", "float32")):
                first, end = TORCH_WINDOWS["2p20"]
                npy = Path(tmp) / f"{q}_{fmt}.npy"
                subprocess.run(["java", "-jar", jar, "reference", "-q", q, "-b", "500000", "-d", str(TORCH_HEAD_DIM), "--positions",
                                f"{first}:{end}", "--dtype", fmt, "--layout", "concat", "--libm", "sleef-u10", "--out", str(npy),
                                "--emit", "pytest", "--json"], check=True, capture_output=True)
                test = Path(tmp) / f"test_{q}_{fmt}.py"
                for plant, want in ((False, 0), (True, 1)):
                    mod = f"impl_{q}_{fmt}_{int(plant)}"
                    (Path(tmp) / (mod + ".py")).write_text(IMPL.format(dtype=dtype, q=q, bf16_inv_freq=plant))
                    env = dict(os.environ, PYTHONPATH=f"{tmp}:{here}", ROPEBOUNDS_IMPL=f"{mod}:f")
                    r = subprocess.run([sys.executable, str(test)], env=env, capture_output=True, text=True)
                    print(test.name, "bf16 inv_freq" if plant else "as computed", "->", "pass" if r.returncode == 0 else "fail")
                    if (r.returncode != 0) != bool(want):
                        bad.append(f"{test.name} planted={plant}: exit {r.returncode}\n{r.stdout}{r.stderr}")
    return bad


def main():
    if "--pytest" in sys.argv:
        bad = run_pytest_files(sys.argv[sys.argv.index("--pytest") + 1])
    else:
        check = "--check" in sys.argv
        bad = write_or_check(OUT / "mpmath", mpmath_files(), check) + write_or_check(OUT / "torch", torch_files(), check)
    if bad:
        print("differ or failed:", *bad, sep="\n  ")
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
