"""Writing fixture files, or checking that the committed ones equal a fresh run (--check)."""
from pathlib import Path


def write_or_check(out_dir: Path, files: dict, check: bool) -> list:
    """Writes each name -> ASCII text (or bytes, written as they are) into out_dir, or with check compares instead.

    Returns the names whose file is missing or differs (always empty when writing).
    """
    bad = []
    if not check:
        out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = out_dir / name
        data = text if isinstance(text, bytes) else text.encode("ascii")
        if check:
            if not path.exists() or path.read_bytes() != data:
                bad.append(name)
        else:
            path.write_bytes(data)
    return bad
