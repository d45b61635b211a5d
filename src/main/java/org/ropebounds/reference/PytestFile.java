package org.ropebounds.reference;

import java.util.Locale;

/**
 * The pytest file {@code reference --emit pytest} writes beside an array: it loads the array with NumPy (checking its
 * SHA-256), calls the implementation under test, and checks it with the printed tolerance:
 * {@code torch.testing.assert_close} with the rtol and atol, the llama.cpp NMSE bound and the largest distance in ulps.
 * The implementation is {@code compute} in the file (edit it), or the function {@code ROPEBOUNDS_IMPL=module:function}
 * names; it is called with the positions (a 1-d int64 tensor) for phase, cos and sin, without arguments for inv_freq,
 * and returns a tensor of the array's shape and torch dtype.
 */
final class PytestFile {
    private PytestFile() {
    }

    static String text(ReferenceReport r) {
        ReferenceRequest q = r.request();
        Tolerance t = r.tolerance();
        String torch = TorchDefaults.torchName(q.dtype());
        boolean fp8 = TorchDefaults.isFp8(q.dtype());
        String bits = switch (TorchDefaults.npyDescr(q.dtype())) {
            case "<u2", "|u1" -> "True";
            default -> "False";
        };
        StringBuilder s = new StringBuilder();
        String source = doc(q.frequencies().source());
        s.append("\"\"\"Checks an implementation against a certified reference array (written by ropebounds reference).\n\n")
                .append("Array: ").append(r.file().getFileName()).append(", sha256 ").append(r.sha256()).append("\n")
                .append("Holds: ").append(q.quantity().label()).append(", ").append(source).append(", ")
                .append(q.quantity().hasPositions() ? "positions " + q.firstPosition() + ":" + (q.firstPosition() + q.rows()) + " (rows), " : "")
                .append("layout ").append(q.layout().label()).append(", ").append(q.dtype().name()).append("\n")
                .append("Values: ").append(doc(q.valuesDescription())).append("\n")
                .append("Tolerance: every implementation inside the envelope of ").append(q.envelopePipeline().resolve(q.dtype()).describe())
                .append(" under libm ").append(q.libm().describe()).append(" passes these checks (proofs/reference-tolerance.md).\n\n")
                .append("Run: ROPEBOUNDS_IMPL=mypackage.mymodule:my_function pytest ").append(ReferenceWriter.pytestOf(r.file()).getFileName())
                .append("\n(or edit compute() below). The function gets the positions as a 1-d int64 tensor")
                .append(q.quantity().hasPositions() ? "" : " (inv_freq: no arguments)").append(" and returns a tensor of shape ")
                .append(shape(q)).append(" and dtype torch.").append(torch).append(".\n\"\"\"\n")
                .append("import hashlib\nimport importlib\nimport os\nimport pathlib\n\nimport numpy as np\nimport torch\n\n")
                .append("ARRAY = pathlib.Path(__file__).resolve().parent / ").append(py(r.file().getFileName().toString())).append("\n")
                .append("SHA256 = ").append(py(r.sha256())).append("\n")
                .append("TORCH_DTYPE = torch.").append(torch).append("\n")
                .append("STORED_AS_BITS = ").append(bits).append("\n")
                .append("POSITIONS = ").append(q.quantity().hasPositions()
                        ? "torch.arange(" + q.firstPosition() + ", " + (q.firstPosition() + q.rows()) + ", dtype=torch.int64)" : "None").append("\n")
                .append("RTOL = ").append(ReferenceJson.plain(t.rtol())).append("  # ").append(Tolerance.RTOL_GUARANTEE).append("\n")
                .append("ATOL = ").append(ReferenceJson.plain(t.atol())).append("  # sufficient for every implementation inside the envelope, rounded up\n")
                .append("NMSE_BOUND = ").append(t.nmse().map(ReferenceJson::plain).orElse("None")).append("  # upper bound (llama.cpp test-backend-ops nmse)\n")
                .append("MAX_ULPS = ").append(Long.toUnsignedString(t.maxUlps())).append("  # exact: largest distance in ulps of ").append(q.dtype().name()).append(" over the envelope\n\n\n")
                .append("def compute(positions):\n")
                .append("    \"\"\"The implementation under test: edit this, or set ROPEBOUNDS_IMPL=module:function.\"\"\"\n")
                .append("    raise NotImplementedError(\"edit compute() in this file or set ROPEBOUNDS_IMPL=module:function\")\n\n\n")
                .append("def implementation():\n")
                .append("    spec = os.environ.get(\"ROPEBOUNDS_IMPL\")\n")
                .append("    if not spec:\n        return compute\n")
                .append("    module, _, name = spec.partition(\":\")\n")
                .append("    return getattr(importlib.import_module(module), name)\n\n\n")
                .append("def reference():\n")
                .append("    assert hashlib.sha256(ARRAY.read_bytes()).hexdigest() == SHA256, \"the array is not the one this test was written for\"\n")
                .append("    t = torch.from_numpy(np.load(ARRAY))\n")
                .append("    return t.view(TORCH_DTYPE) if STORED_AS_BITS else t\n\n\n")
                .append("def actual():\n")
                .append("    f = implementation()\n")
                .append("    got = f(POSITIONS) if POSITIONS is not None else f()\n")
                .append("    return got.detach().to(\"cpu\").reshape(reference().shape)\n\n\n")
                .append("def comparable(x):\n")
                .append("    return x.float() if ").append(fp8 ? "True" : "False").append(" else x  # fp8 is compared in float32\n\n\n")
                .append("def test_assert_close():\n")
                .append("    torch.testing.assert_close(comparable(actual()), comparable(reference()), rtol=RTOL, atol=ATOL)\n\n\n")
                .append("def test_nmse():\n")
                .append("    if NMSE_BOUND is None:\n        return\n")
                .append("    a = actual().double()\n    b = reference().double()\n")
                .append("    nmse = float(((a - b) ** 2).sum() / (a ** 2).sum())\n")
                .append("    assert nmse <= NMSE_BOUND, f\"nmse {nmse} > {NMSE_BOUND}\"\n\n\n")
                .append("def ordinal(x):\n")
                .append("    bits = x.contiguous().view({2: torch.int16, 1: torch.int8, 4: torch.int32, 8: torch.int64}[x.element_size()]).long()\n")
                .append("    mask = (1 << (8 * x.element_size() - 1)) - 1\n")
                .append("    magnitude = bits & mask\n")
                .append("    return torch.where(bits < 0, -magnitude, magnitude)\n\n\n")
                .append("def test_max_ulps():\n")
                .append("    got = actual().to(TORCH_DTYPE)\n")
                .append("    ulps = (ordinal(got) - ordinal(reference())).abs().max().item()\n")
                .append("    assert ulps <= MAX_ULPS, f\"{ulps} ulps > {MAX_ULPS}\"\n\n\n")
                .append("if __name__ == \"__main__\":  # without pytest: python THIS_FILE\n")
                .append("    for check in (test_assert_close, test_nmse, test_max_ulps):\n")
                .append("        check()\n")
                .append("    print(\"passed:\", ARRAY.name)\n");
        return s.toString();
    }

    private static String shape(ReferenceRequest q) {
        long[] shape = q.shape();
        return shape.length == 1 ? "(" + shape[0] + ",)" : String.format(Locale.ROOT, "(%d, %d)", shape[0], shape[1]);
    }

    /** Text fit for a docstring: no backslashes or double quotes. */
    private static String doc(String text) {
        return text.replace('\\', '/').replace('"', '\'');
    }

    /** A Python string literal of text without quotes, backslashes or control characters (file names are checked). */
    private static String py(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\' || c < 0x20 || c > 0x7e) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
