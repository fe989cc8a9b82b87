"""Parse throughput per format over the fixture resumes, in one process.

    .venv/bin/python bench/bench_parse.py [--rounds 5] [--dir ../shared/fixtures/resumes/files]

Each round sniffs, extracts and parses every file once; the table shows the median
resumes/second over the rounds, per format and overall. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from resumes.parsing import ResumeFileError, parse_document, sniff_type  # noqa: E402

DEFAULT_DIR = ROOT.parent / "shared" / "fixtures" / "resumes" / "files"


def load(directory: Path) -> dict[str, list[bytes]]:
    """Reads every resume under `directory`, grouped by sniffed format."""
    files: dict[str, list[bytes]] = {}
    for path in sorted(directory.iterdir()):
        if not path.is_file():
            continue
        with path.open("rb") as fh:
            try:
                kind = sniff_type(fh)
            except ResumeFileError:
                continue
            files.setdefault(kind, []).append(fh.read())
    return files


def run_round(blobs: list[bytes], kind: str) -> float:
    """Seconds to parse every blob once."""
    start = time.perf_counter()
    for data in blobs:
        parse_document(data, kind)
    return time.perf_counter() - start


def main() -> None:
    """Prints a throughput table (median of several rounds)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    args = ap.parse_args()
    files = load(args.dir)
    # Warm-up: loads the data files, gazetteer and taxonomy once, as a worker would.
    for kind, blobs in files.items():
        parse_document(blobs[0], kind)
    rates: dict[str, list[float]] = {kind: [] for kind in files}
    overall: list[float] = []
    for _ in range(args.rounds):
        total_n, total_s = 0, 0.0
        for kind, blobs in files.items():
            secs = run_round(blobs, kind)
            rates[kind].append(len(blobs) / secs)
            total_n += len(blobs)
            total_s += secs
        overall.append(total_n / total_s)
    print(f"{'format':8}{'files':>7}{'resumes/s':>12}{'ms/resume':>12}")
    for kind in sorted(files):
        r = statistics.median(rates[kind])
        print(f"{kind:8}{len(files[kind]):>7}{r:>12.1f}{1000 / r:>12.1f}")
    r = statistics.median(overall)
    n = sum(len(b) for b in files.values())
    print(f"{'overall':8}{n:>7}{r:>12.1f}{1000 / r:>12.1f}")
    print(f"(median of {args.rounds} rounds, one process)")


if __name__ == "__main__":
    main()
