"""The skills taxonomy: canonical skill names, aliases and categories, loaded from data/skills.json.

A skill is known by its canonical name or any alias, compared without regard to case, spaces,
hyphens, dots or apostrophes ("Node.js" = "nodejs" = "Node JS"). Aliases that are also ordinary
words are flagged in the data: `case_sensitive` forms only match in running text with their exact
case ("Rust", not "rust"), and `list_only` forms also need a list context ("Go, Python", not
"Go-Live" or "I will go"). `canonical()` ignores both flags, because its input is already a skill.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "skills.json"

# Characters that never distinguish two skill names ("Vue.js"/"VueJS", "Scikit-learn"/"scikit
# learn"); "+", "#", "/" and "&" do ("C", "C++", "C#"; "A/B Testing"; "GD&T").
_SEPARATORS = re.compile(r"[\s\-_.'’!]+")
_TRAILING_VERSION = re.compile(r"\s*v?\d+(?:\.\d+)*\+?$", re.IGNORECASE)
_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)$")
_EDGE_PUNCT = ' \t\r\n,;:|•·▪●◦■►*"“”'

# A match must not continue a longer word, a version ("Python3"), an operator ("C++") or a
# dotted name ("file.py", "Node.js" when only "Node" matched).
_LEFT_BOUNDARY = r"(?<![\w+#@&])(?<!\w[.\-])"
_RIGHT_BOUNDARY = r"(?![\w+#@&])(?!\.\w)"

# What may stand before and after a list_only form for it to count as a list item.
_LIST_BEFORE = re.compile(
    r"(?:^|[,;|•·▪●◦■►*(\[/:–—-]|&|\b(?:and|or|with|in|using|including|like|e\.g\.))[ \t]*$",
    re.IGNORECASE,
)
_LIST_AFTER = re.compile(
    r"[ \t]*(?:$|[,;|•·▪●◦■)\]/.:(]|[–—-](?:\s|$)|&|(?:and|or)\b)", re.IGNORECASE
)

_SPACE = "\x00space"
_HYPHEN = "\x00hyphen"


def skill_key(name: str) -> str:
    """Comparison key of a skill name: casefolded, without spaces, hyphens, dots or apostrophes."""
    return _SEPARATORS.sub("", name.casefold())


def _strip_separators(text: str) -> str:
    return re.sub(r"[\s\-]+", "", text)


@dataclass(frozen=True)
class Skill:
    """One canonical skill, its category and the other names it is written as."""

    name: str
    category: str
    aliases: tuple[str, ...] = ()
    case_sensitive: tuple[str, ...] = ()
    list_only: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class _Form:
    skill: Skill
    strict: tuple[str, ...]  # exact-case spellings required in running text; empty = any case
    list_only: bool


class Taxonomy:
    """Lookup of canonical skill names, categories and skill mentions in free text."""

    def __init__(self, skills: Iterable[Skill]) -> None:
        self._skills: dict[str, Skill] = {}
        self._by_key: dict[str, Skill] = {}
        self._by_category: dict[str, list[str]] = {}
        for skill in skills:
            if not skill.category:
                raise ValueError(f"skill {skill.name!r} has no category")
            for form in skill.forms:
                key = skill_key(form)
                owner = self._by_key.get(key)
                if not key or (owner is not None and owner.name != skill.name):
                    raise ValueError(
                        f"{form!r} of {skill.name!r} is already {owner.name if owner else 'empty'}"
                    )
                self._by_key[key] = skill
            self._skills[skill.name] = skill
            self._by_category.setdefault(skill.category, []).append(skill.name)

    @classmethod
    def from_file(cls, path: Path | str = DATA_FILE) -> Taxonomy:
        """Loads a taxonomy from JSON shaped {"skills": [{name, category, aliases}, ...]}."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(
            Skill(
                name=item["name"],
                category=item["category"],
                aliases=tuple(item.get("aliases", ())),
                case_sensitive=tuple(item.get("case_sensitive", ())),
                list_only=tuple(item.get("list_only", ())),
            )
            for item in data["skills"]
        )

    def get(self, name: str) -> Skill | None:
        """The skill a name or alias refers to, or None if the taxonomy does not know it."""
        if not name:
            return None
        text = name.strip(_EDGE_PUNCT)
        skill = self._by_key.get(skill_key(text))
        if skill is None:
            # "Python 3.11", "Java 8", "Amazon Web Services (AWS)": retry without the suffix.
            for pattern in (_TRAILING_PAREN, _TRAILING_VERSION):
                shorter = pattern.sub("", text).strip(_EDGE_PUNCT)
                if shorter and shorter != text:
                    skill = self._by_key.get(skill_key(shorter))
                    if skill is not None:
                        break
        return skill

    def canonical(self, name: str) -> str | None:
        """Canonical name for a skill name or alias (any case, spacing, punctuation); else None."""
        skill = self.get(name)
        return skill.name if skill else None

    def normalize(self, name: str) -> str:
        """Canonical name if known, else the input with spaces tidied (unknown skills are kept)."""
        canonical = self.canonical(name)
        if canonical:
            return canonical
        return " ".join(name.split()).strip(_EDGE_PUNCT).rstrip(".").strip()

    def category(self, name: str) -> str | None:
        """Category of a known skill (by name or alias), else None."""
        skill = self.get(name)
        return skill.category if skill else None

    def related(self, a: str, b: str) -> bool:
        """True when a and b are different known skills in the same category."""
        first, second = self.get(a), self.get(b)
        return (
            first is not None
            and second is not None
            and first.name != second.name
            and first.category == second.category
        )

    def skills_in_category(self, category: str) -> list[str]:
        """Canonical names of every skill in a category (empty for an unknown category)."""
        return list(self._by_category.get(category, ()))

    def categories(self) -> list[str]:
        """Every category, in data-file order."""
        return list(self._by_category)

    def find_in_text(self, text: str) -> list[str]:
        """Canonical names of skills mentioned in free text, deduplicated, in order of mention."""
        if not text:
            return []
        pattern, forms = self._matcher
        found: dict[str, None] = {}
        for match in pattern.finditer(text):
            written = match.group(0)
            form = forms.get(skill_key(written))
            if form is None or form.skill.name in found:
                continue
            if form.strict and _strip_separators(written) not in form.strict:
                continue
            if form.list_only and not _in_list_context(text, match.start(), match.end()):
                continue
            if _in_url_or_email(text, match.start(), match.end()):
                continue
            found[form.skill.name] = None
        return list(found)

    @functools.cached_property
    def _matcher(self) -> tuple[re.Pattern[str], dict[str, _Form]]:
        # One regex for every form, built as a character trie so that the engine tries only the
        # forms sharing a prefix with the text; greedy optionals make the longest form win.
        forms: dict[str, _Form] = {}
        trie: dict = {}
        for skill in self._skills.values():
            strict_forms = set(skill.case_sensitive) | set(skill.list_only)
            for form in skill.forms:
                key = skill_key(form)
                if form in strict_forms:
                    previous = forms.get(key)
                    spellings = (previous.strict if previous else ()) + (_strip_separators(form),)
                    forms[key] = _Form(skill, spellings, form in skill.list_only)
                elif key not in forms:
                    forms[key] = _Form(skill, (), False)
                node = trie
                for token in _tokens(form):
                    node = node.setdefault(token, {})
                node[""] = True
        body = _trie_regex(trie)
        pattern = re.compile(_LEFT_BOUNDARY + "(?:" + body + ")" + _RIGHT_BOUNDARY, re.IGNORECASE)
        return pattern, forms

    def __len__(self) -> int:
        return len(self._skills)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    def __iter__(self) -> Iterator[Skill]:
        return iter(self._skills.values())


def _tokens(form: str) -> list[str]:
    tokens: list[str] = []
    for char in form:
        if char.isspace():
            if tokens and tokens[-1] != _SPACE:
                tokens.append(_SPACE)
        elif char == "-":
            tokens.append(_HYPHEN)
        else:
            tokens.append(char.lower())
    return tokens


def _token_regex(part: str) -> str:
    if part == _SPACE:
        return r"[\s\-]+"
    if part == _HYPHEN:
        return r"[\s\-]?"
    if part in ("'", "’"):
        return "['’]"
    return re.escape(part)


def _trie_regex(node: dict) -> str:
    branches = [_token_regex(token) + _trie_regex(child) for token, child in node.items() if token]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if node.get(""):
        return ("(?:" + body + ")?") if len(branches) == 1 else body + "?"
    return body


def _in_list_context(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start]
    after = text[end : line_end if line_end != -1 else len(text)]
    if _looks_like_region_code(text[start:end], before, after):
        return False
    return bool(_LIST_BEFORE.search(before)) and bool(_LIST_AFTER.match(after))


_CITY_BEFORE = re.compile(r"\b[A-Z][a-z]+,[ \t]*$")
_ADDRESS_AFTER = re.compile(r"[ \t]*(?:$|[.;|)]|\d)")


def _looks_like_region_code(written: str, before: str, after: str) -> bool:
    # "Little Rock, AR 72201": two capitals after "City," are a state or province, not "AR".
    return (
        len(written) == 2
        and written.isupper()
        and bool(_CITY_BEFORE.search(before))
        and bool(_ADDRESS_AFTER.match(after))
    )


_URL_OR_EMAIL = re.compile(
    r"://|@|^www\.|\w\.(?:com|org|net|io|dev|edu|gov|co|me|ai)/\S", re.IGNORECASE
)


def _in_url_or_email(text: str, start: int, end: int) -> bool:
    # "https://github.com/x", "jane@python.org": the words of an address are not skills.
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    token = text[left:right].strip("()<>[],;\"'")
    return bool(_URL_OR_EMAIL.search(token))


@functools.cache
def get_taxonomy() -> Taxonomy:
    """The project's taxonomy, loaded once from data/skills.json."""
    return Taxonomy.from_file(DATA_FILE)
