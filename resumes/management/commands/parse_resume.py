"""`manage.py parse_resume PATH... [--json] [--out DIR]`: runs the rule-based parser on files."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from resumes.parsing import ExtractionLimits, ResumeFileError, parse_document, sniff_type

SUFFIXES = {".pdf", ".docx", ".doc"}


class Command(BaseCommand):
    """Operator tool to try the parser on files without uploading them."""

    help = (
        "Parses resume files (or every PDF/DOCX/DOC in a directory) into the parsed-resume "
        "contract. --out DIR writes <stem>.json per file; --json prints one file's result."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Declares PATH..., --json and --out."""
        parser.add_argument("paths", nargs="+", help="Resume files or directories.")
        parser.add_argument("--json", action="store_true", help="Print the contract as JSON.")
        parser.add_argument("--out", help="Directory to write one <stem>.json per resume into.")

    def handle(self, *args: object, **options: object) -> None:
        """Parses each file; a bad file is reported on stderr and the rest carry on."""
        files = _collect(options["paths"])
        if not files:
            raise CommandError("No PDF, DOCX or DOC files found.")
        if options["json"] and len(files) > 1 and not options["out"]:
            raise CommandError("--json prints one file; use --out DIR for several.")
        out_dir = Path(options["out"]) if options["out"] else None
        if out_dir:
            out_dir.mkdir(parents=True, exist_ok=True)
        limits = ExtractionLimits(
            max_pages=getattr(settings, "RESUME_MAX_PAGES", 50),
            max_text_chars=getattr(settings, "RESUME_MAX_TEXT_CHARS", 200_000),
            max_member_bytes=getattr(settings, "RESUME_MAX_MEMBER_BYTES", 50 * 2**20),
        )
        region = getattr(settings, "PHONE_DEFAULT_REGION", "US")
        failures = 0
        for path in files:
            try:
                with path.open("rb") as fh:
                    kind = sniff_type(fh)
                    data = fh.read()
                _text, parsed = parse_document(data, kind, limits=limits, default_region=region)
            except ResumeFileError as exc:
                failures += 1
                self.stderr.write(f"{path}: {exc.code}: {exc.message}")
                continue
            except OSError as exc:
                failures += 1
                self.stderr.write(f"{path}: cannot read file: {exc}")
                continue
            payload = json.dumps(parsed, ensure_ascii=False, indent=2)
            if out_dir:
                (out_dir / f"{path.stem}.json").write_text(payload + "\n", encoding="utf-8")
            if options["json"]:
                self.stdout.write(payload)
            elif not out_dir:
                name = (parsed.get("contact") or {}).get("full_name") or "(no name)"
                jobs = len(parsed.get("experience") or [])
                self.stdout.write(f"{path}: {name}, {jobs} jobs")
        if out_dir:
            done = len(files) - failures
            self.stdout.write(f"Parsed {done} of {len(files)} files into {out_dir}.")


def _collect(paths: list[str]) -> list[Path]:
    """Expands directories into their resume files (sorted); keeps explicit files as given."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            out.append(p)
    return out
