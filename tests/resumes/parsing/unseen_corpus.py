"""Labelled resumes in styles the shared fixtures lack, rendered to text, DOCX and PDF.

Every style choice (headings, date forms, job and degree layouts, contact block, name form,
skills layout, certificate order) is drawn independently from a seeded generator, so a run
covers combinations nobody wrote by hand. Labels follow the parsed-resume contract of
DESIGN.md, in the shape of ../shared/fixtures/resumes/labels. Run as a script to print the
per-field score table: `.venv/bin/python -m tests.resumes.parsing.unseen_corpus [N]`.
"""

from __future__ import annotations

import importlib.util
import io
import json
import random
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import docx
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from resumes.parsing import extract_text, parse_text
from tests.resumes.helpers import FIXTURES

ROOT = Path(__file__).resolve().parents[3]

# (given names, family name, name as labelled): many countries, accents, apostrophes, hyphens.
NAMES = [
    ("Aoife", "O'Sullivan"),
    ("Jean-Luc", "Moreau"),
    ("María José", "García"),
    ("Oluwaseun", "Adeyemi"),
    ("Priya", "Raghunathan"),
    ("Hiroshi", "Tanaka"),
    ("Nadia", "El-Amin"),
    ("Thabo", "Nkosi"),
    ("Lucía", "Fernández"),
    ("Mateus", "Araújo"),
    ("Kwame", "Mensah"),
    ("Ingrid", "Bjørnstad"),
    ("Siddharth", "Rao"),
    ("Mei-Ling", "Chou"),
    ("Andrés", "Núñez"),
    ("Connor", "McAllister"),
    ("Élodie", "Lefèvre"),
    ("Dmitri", "Volkov"),
    ("Fatima", "Bennani"),
    ("Björn", "Lindqvist"),
    ("Chiara", "D'Angelo"),
    ("Tomás", "Ó Briain"),
    ("Yuki", "Watanabe"),
    ("Rafael", "Castillo-Ruiz"),
    ("Amara", "Okafor"),
    ("Søren", "Madsen"),
    ("Camille", "Dubois"),
    ("Arjun", "Mehta"),
    ("Zoë", "Hartley"),
    ("Gabriel", "Santos"),
]
MIDDLE = ["K.", "J.", "M.", "A.", "R."]

# (city line as written, country code for phone formats, job location form)
PLACES = [
    ("Toronto, ON", "CA"),
    ("London, UK", "GB"),
    ("São Paulo, Brazil", "BR"),
    ("Austin, TX", "US"),
    ("Bengaluru, India", "IN"),
    ("Berlin, Germany", "DE"),
    ("Sydney, NSW, Australia", "AU"),
    ("Seattle, WA", "US"),
    ("Dublin, Ireland", "IE"),
    ("Chicago, IL", "US"),
    ("Manchester, United Kingdom", "GB"),
    ("Munich, Germany", "DE"),
    ("Mumbai, India", "IN"),
    ("Vancouver, BC", "CA"),
]
JOB_PLACES = [
    "Denver, CO",
    "Lisbon, Portugal",
    "Nairobi, Kenya",
    "Madrid, Spain",
    "Singapore",
    "Boston, MA",
    "Cape Town, South Africa",
    "Melbourne, Australia",
    "Remote",
    "Paris, France",
    "Atlanta, GA",
    "Osaka, Japan",
]
COMPANIES = [
    "Northwind Analytics",
    "Bluefin Logistics Ltd",
    "Kestrel Health Partners",
    "Helios Energy GmbH",
    "Maple Leaf Robotics Inc.",
    "Andes Mining S.A.",
    "Riverbend Credit Union",
    "Copperline Studios",
    "Nordlys Software AS",
    "Atlas Freight Co.",
    "Lumen Bioscience",
    "Pinecrest School District",
    "St. Mary's Hospital",
    "Orchard & Vine LLP",
    "Greenfield Retail Group",
    "Quantum Ledger Technologies",
    "Harbourview Hotels",
    "Sunrise Pharmaceuticals Pvt Ltd",
    "Cobalt Insurance",
    "Redwood Civil Engineering",
]
TITLES = [
    "Senior Software Engineer",
    "Data Analyst",
    "Registered Nurse",
    "Marketing Coordinator",
    "Financial Analyst",
    "Product Manager",
    "Operations Supervisor",
    "UX Designer",
    "Customer Success Manager",
    "Mechanical Engineer",
    "Staff Accountant",
    "HR Generalist",
    "DevOps Engineer",
    "Research Assistant",
    "Mathematics Teacher",
    "Business Development Representative",
    "Project Coordinator",
    "Backend Developer",
]
SCHOOLS = {
    "University of Toronto": "Toronto, ON",
    "Imperial College London": "London, UK",
    "Universidade de São Paulo": "São Paulo, Brazil",
    "Indian Institute of Technology Bombay": "Mumbai, India",
    "Technical University of Munich": "Munich, Germany",
    "University of Cape Town": "Cape Town, South Africa",
    "Georgia Institute of Technology": "Atlanta, GA",
    "Trinity College Dublin": "Dublin, Ireland",
    "University of Melbourne": "Melbourne, VIC",
    "Seneca College": "Toronto, Canada",
    "Austin Community College": "Austin, TX",
    "National University of Singapore": "Singapore",
    "Universidad de los Andes": "Bogotá, Colombia",
    "McGill University": "Montreal, QC",
}
FIELDS = [
    "Computer Science",
    "Economics",
    "Mechanical Engineering",
    "Nursing",
    "Finance",
    "Psychology",
    "Data Science",
    "Chemistry",
    "Business Administration",
    "History",
]
SKILLS = [
    "Python",
    "SQL",
    "JavaScript",
    "Microsoft Excel",
    "Project Management",
    "Tableau",
    "Docker",
    "Kubernetes",
    "AWS",
    "Salesforce",
    "Figma",
    "Java",
    "React",
    "PostgreSQL",
    "Git",
    "Agile",
    "Power BI",
    "Customer Service",
    "Data Analysis",
    "Machine Learning",
    "Linux",
    "Terraform",
    "Adobe Photoshop",
    "Public Speaking",
    "Budgeting",
    "C#",
    "Node.js",
    "Patient Care",
    "SEO",
    "QuickBooks",
]
CERTS = [
    ("AWS Certified Solutions Architect – Associate", "Amazon Web Services"),
    ("Project Management Professional (PMP)", "Project Management Institute"),
    ("Certified ScrumMaster (CSM)", "Scrum Alliance"),
    ("CompTIA Security+", "CompTIA"),
    ("Google Data Analytics Professional Certificate", "Coursera"),
    ("Certified Public Accountant (CPA)", "AICPA"),
    ("Basic Life Support (BLS)", "American Heart Association"),
    ("Microsoft Certified: Azure Fundamentals", "Microsoft"),
    ("Six Sigma Green Belt", "ASQ"),
    ("Certified Kubernetes Administrator (CKA)", "The Linux Foundation"),
]

HEADINGS = {
    "summary": ["Profile", "About Me", "Objective", "Career Summary", "Professional Summary"],
    "experience": [
        "Professional Experience",
        "Employment History",
        "Career History",
        "Relevant Experience",
        "Work History",
        "Experience",
        "Work Experiences",
        "Work Experience & Internships",
    ],
    "education": ["Academic Background", "Education", "Qualifications", "Education & Training"],
    "skills": [
        "Core Competencies",
        "Areas of Expertise",
        "Technical Proficiencies",
        "Skills",
        "Key Skills",
        "Skills & Abilities",
        "Specializations",
    ],
    "projects": ["Projects", "Selected Projects", "Key Projects"],
    "awards": ["Awards", "Honors & Awards", "Achievements"],
    "certifications": [
        "Licenses & Certifications",
        "Credentials",
        "Professional Development",
        "Certifications",
        "Licensure & Certifications",
    ],
}
SUMMARIES = [
    "Detail-oriented professional with a record of shipping work on time and under budget.",
    "Team player who enjoys turning messy data into decisions; mentor to junior colleagues.",
    "Seeking a role where I can grow my skills and contribute to a mission-driven team.",
]
BULLETS = [
    "Cut monthly reporting time by 40% by automating the data pipeline",
    "Managed a budget of $1.2M across 3 regions and 14 vendors",
    "Led the 2019 – 2020 migration of 120 services to the new platform",
    "Trained 25 new hires; satisfaction rose from 3.9 to 4.6 out of 5",
    "Delivered the Q3 2021 launch two weeks early",
    "Handled 60+ customer requests per day with a 98% resolution rate",
    "Since March 2022 owns the on-call rotation for 8 teams",
    "Reduced costs by 15% in FY2020 through vendor renegotiation",
]
MONTHS = "January February March April May June July August September October November December"
MONTH_NAMES = MONTHS.split()


@dataclass
class Resume:
    """One generated resume: its label, its plain text, and the style choices behind it."""

    ident: str
    label: dict
    blocks: list[tuple[str, list[str]]]  # (role, lines): role is "contact" or a section kind
    styles: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The resume as plain text, blocks separated by blank lines."""
        return "\n\n".join("\n".join(lines) for _, lines in self.blocks) + "\n"


def _fmt_date(rng: random.Random, form: str, y: int, m: int) -> str:
    mon = MONTH_NAMES[m - 1]
    return {
        "mon": f"{mon[:3]} {y}",
        "month": f"{mon} {y}",
        "mm/yyyy": f"{m:02d}/{y}",
        "yyyy-mm": f"{y}-{m:02d}",
        "mm.yyyy": f"{m:02d}.{y}",
        "year": f"{y}",
        "apos": f"{mon[:3]} '{y % 100:02d}",
        "sept": f"{mon[:4] if mon.startswith('Sept') else mon[:3]}. {y}",
        "mon-yyyy": f"{mon[:3]}-{y}",
        "m/yyyy": f"{m}/{y}",
        "MON": f"{mon[:3].upper()} {y}",
    }[form]


DATE_FORMS = ["mon", "month", "mm/yyyy", "yyyy-mm", "mm.yyyy", "year", "apos", "sept"]
DATE_FORMS += ["mon-yyyy", "m/yyyy", "MON"]
SEPARATORS = [" – ", " - ", " — ", " to ", " until ", "–", " -- ", " thru "]
PRESENT_WORDS = ["Present", "Current", "now", "Today", "present", "Till Date", "Ongoing"]


def _date_range(rng: random.Random, start: tuple[int, int], end: tuple[int, int] | None) -> tuple:
    """A written range and its labels (start, end, current)."""
    form = rng.choice(DATE_FORMS)
    s = _fmt_date(rng, form, *start)
    precise = form != "year"
    start_label = f"{start[0]}-{start[1]:02d}" if precise else str(start[0])
    wrap = rng.choice(["{}", "{}", "{}", "({})", "[{}]", "From {}"])
    if end is None:
        if rng.random() < 0.2:
            return f"Since {s}", start_label, None, True
        written = f"{s}{rng.choice(SEPARATORS)}{rng.choice(PRESENT_WORDS)}"
        return wrap.format(written), start_label, None, True
    e = _fmt_date(rng, form, *end)
    sep = " to " if wrap.startswith("From") else rng.choice(SEPARATORS)
    if form == "year" and sep.strip() in "–-" and not wrap.startswith("From"):
        e = f"{end[0] % 100:02d}" if rng.random() < 0.3 else e  # "2016–19"
    end_label = f"{end[0]}-{end[1]:02d}" if precise else str(end[0])
    written = wrap.format(f"{s}{sep}{e}")
    if rng.random() < 0.15:
        months = (end[0] - start[0]) * 12 + end[1] - start[1]
        written += rng.choice([" ({} yrs {} mos)", " · {} yr {} mo"]).format(*divmod(months, 12))
    return written, start_label, end_label, False


def _heading(rng: random.Random, kind: str, underline: bool) -> list[str]:
    text = rng.choice(HEADINGS[kind])
    case = rng.choice(["upper", "title", "title", "lower_colon", "colon", "numbered", "spaced"])
    case = case if case != "spaced" or len(text.split()) == 1 else "upper"
    if case == "upper":
        text = text.upper()
    elif case == "numbered":
        text = f"{rng.randint(1, 6)}. {text}"
    elif case == "spaced":
        text = " ".join(text.upper())
    elif case == "lower_colon":
        text = text.lower() + ":"
    elif case == "colon":
        text += ":"
    lines = [text]
    if underline:
        lines.append(rng.choice("=-") * max(len(text), 8))
    return lines


def _phone(rng: random.Random, country: str) -> tuple[str, str]:
    """A phone as written and its E.164 label, in a format usual for the country."""
    a, b, c = rng.randint(200, 899), rng.randint(200, 899), rng.randint(1000, 9999)
    if country in ("US", "CA"):
        e164 = f"+1{a}{b}{c}"
        forms = [f"({a}) {b}-{c}", f"{a}.{b}.{c}", f"+1 {a}-{b}-{c}", f"{a}-{b}-{c}"]
        forms += [f"+1 ({a}) {b}-{c}", f"1-{a}-{b}-{c}"]
        return rng.choice(forms), e164
    if country == "GB":
        n = f"{rng.randint(1000, 9999)} {rng.randint(100000, 999999)}"
        if rng.random() < 0.3:
            land = f"{rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"
            return f"+44 (0)20 {land}", f"+4420{land.replace(' ', '')}"
        return rng.choice([f"+44 7{n[1:]}", f"07{n[1:]}"]), f"+447{n[1:].replace(' ', '')}"
    if country == "IN":
        n = f"9{rng.randint(1000, 9999)} {rng.randint(10000, 99999)}"
        return rng.choice([f"+91 {n}", f"+91-{n.replace(' ', '')}"]), f"+91{n.replace(' ', '')}"
    if country == "DE":
        n = f"{rng.randint(1000000, 9999999)}"
        forms = [f"+49 30 {n}", f"+49 (0)30 {n}", f"(+49) 30 {n}", f"+49 30 {n[:3]} {n[3:]}"]
        return rng.choice(forms), f"+4930{n}"
    if country == "BR":
        n = f"9{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
        return f"+55 11 {n}", f"+5511{n.replace('-', '')}"
    if country == "AU":
        n = f"{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
        return rng.choice([f"+61 4{n}", f"04{n}"]), f"+614{n.replace(' ', '')}"
    n = f"{rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    return f"+353 87 {n}", f"+35387{n.replace(' ', '')}"


def _ascii(text: str) -> str:
    table = str.maketrans("áàâãäåçéèêëíìîïñóòôõöøúùûüýæœ", "aaaaaaceeeeiiiinoooooouuuuyæœ")
    return text.lower().translate(table).replace("æ", "ae").replace("œ", "oe")


def _email(rng: random.Random, first: str, last: str) -> str:
    f = "".join(ch for ch in _ascii(first) if ch.isalpha())
    lst = "".join(ch for ch in _ascii(last) if ch.isalpha())
    user = rng.choice([f"{f}.{lst}", f"{f}{lst}+jobs", f"{f[0]}.{lst}{rng.randint(1, 99)}", lst])
    host = rng.choice(["gmail.com", "mail.example.co.uk", "outlook.com", "proton.me", "uni.edu.au"])
    return f"{user}@{host}"


def _name_lines(rng: random.Random, first: str, last: str) -> tuple[list[str], str, str]:
    full = f"{first} {last}"
    style = rng.choice(
        ["plain", "caps", "two_line", "label", "creds", "dr", "middle", "doc_title", "headline"]
    )
    if style == "doc_title":
        return [rng.choice(["RESUME", "Résumé", "CURRICULUM VITAE"]), full], full, style
    if style == "headline":
        return [f"{full} | {rng.choice(TITLES)}"], full, style
    if style == "caps":
        return [full.upper()], full, style
    if style == "two_line":
        return [first.upper(), last.upper()], full, style
    if style == "label":
        return ["Curriculum Vitae", f"Name: {full}"], full, style
    if style == "creds":
        return [f"{full}, {rng.choice(['RN, BSN', 'MBA', 'CPA', 'PMP', 'PhD'])}"], full, style
    if style == "dr":
        return [f"Dr. {full}"], full, style
    if style == "middle":
        name = f"{first} {rng.choice(MIDDLE)} {last}"
        return [name], name, style
    return [full], full, style


def _contact_lines(rng: random.Random, bits: list[tuple[str, str]]) -> list[str]:
    style = rng.choice(["pipes", "lines", "labels", "bullets", "letters"])
    if style == "letters":
        names = {"email": "E:", "phone": rng.choice(["T:", "M:", "P:"]), "loc": "A:"}
        return [f"{names[k]} {v}" if k in names else v for k, v in bits]
    if style == "pipes":
        return [" | ".join(v for _, v in bits)]
    if style == "bullets":
        return [" • ".join(v for _, v in bits[:2]), " • ".join(v for _, v in bits[2:])]
    if style == "labels":
        phone_word = rng.choice(["Phone", "Mobile", "Tel"])
        names = {"email": "Email", "phone": phone_word, "loc": "Address"}
        return [f"{names[k]}: {v}" if k in names else v for k, v in bits]
    return [v for _, v in bits]


def _links(rng: random.Random, first: str, last: str) -> list[str]:
    handle = _ascii(first[0] + last).replace(" ", "").replace("'", "")
    out = []
    if rng.random() < 0.7:
        scheme = rng.choice(["", "https://", "https://www.", "www."])
        out.append(f"{scheme}linkedin.com/in/{handle}")
    if rng.random() < 0.4:
        out.append(rng.choice(["", "https://"]) + f"github.com/{handle}")
    if rng.random() < 0.2:
        out.append(f"{handle}.dev")
    return out


@cache
def _taxonomy() -> dict[str, dict]:
    """Each written skill form (name or alias, lowercased) to its taxonomy entry."""
    data = json.loads((ROOT / "resumes/parsing/data/skills.json").read_text())
    index = {}
    for s in data["skills"]:
        for form in [s["name"], *s.get("aliases", [])]:
            index.setdefault(form.lower(), s)
    return index


def _skill_label(written: str) -> dict:
    """The label of a skill as written: canonical name with its aliases (the scorer's forms)."""
    entry = _taxonomy().get(written.lower(), {"name": written})
    aliases = [a for a in [*entry.get("aliases", []), written] if a != entry["name"]]
    return {"name": entry["name"], "aliases": aliases, "proficiency": None}


SKILL_STYLES = ["comma", "pipes", "bullets", "categories", "levels", "years", "columns"]
SKILL_STYLES += ["semicolons", "by_level"]


def _skills_block(rng: random.Random, names: list[str]) -> list[str]:
    style = rng.choice(SKILL_STYLES)
    if style == "semicolons":
        return ["; ".join(names)]
    if style == "by_level":
        half = len(names) // 2
        return [f"Expert: {', '.join(names[:half])}", f"Familiar: {', '.join(names[half:])}"]
    if style == "comma":
        return [", ".join(names)]
    if style == "pipes":
        return [" | ".join(names)]
    if style == "bullets":
        mark = rng.choice(["•", "-", "*", "▪"])
        return [f"{mark} {n}" for n in names]
    if style == "categories":
        half = len(names) // 2
        cats = rng.sample(["Tools", "Platforms", "Technical", "Software", "Methods"], 2)
        return [f"{cats[0]}: {', '.join(names[:half])}", f"{cats[1]}: {', '.join(names[half:])}"]
    if style == "levels":
        words = ["Expert", "Advanced", "Intermediate", "Beginner"]
        return [f"{n} ({rng.choice(words)})" for n in names]
    if style == "years":
        forms = ["({} years)", "– {}+ yrs", "({}+ years)", "- {} yrs"]
        return [f"{n} {rng.choice(forms).format(rng.randint(1, 9))}" for n in names]
    rows = [names[i : i + 3] for i in range(0, len(names), 3)]
    return ["\t".join(r) for r in rows]


def _job_lines(rng: random.Random, job: dict, written: str, layout: str, mark: str) -> list[str]:
    t, c, loc = job["title"], job["company"], job["location"]
    if layout == "pipes":
        head = [f"{t} | {c} | {written}"]
    elif layout == "company_first":
        head = [f"{c} — {loc}", f"{t}    {written}"]
    elif layout == "dates_first":
        head = [written, f"{t} at {c}"]
    elif layout == "title_company_city":
        head = [f"{t}, {c} — {loc}", written]
    elif layout == "stacked":
        head = [c, t, f"{written} | {loc}"]
    elif layout == "caps_company":
        head = [f"{c.upper()}, {loc}", f"{t}\t{written}"]
    elif layout == "title_paren_company":
        head = [f"{t} ({c}), {written}"]
    elif layout == "dates_tab_title":
        head = [f"{written}\t{t}", c]
    else:  # "tabbed": title and company on one line, dates right-aligned on the next line
        head = [f"{t} – {c}", f"{loc}\t{written}"]
    bullets = rng.sample(BULLETS, rng.randint(1, 3))
    return head + [f"{mark} {b}".strip() for b in bullets]


JOB_LAYOUTS = ["pipes", "company_first", "dates_first", "title_company_city", "stacked"]
JOB_LAYOUTS += ["tabbed", "caps_company", "title_paren_company", "dates_tab_title"]

DEGREES = [
    # (written form with {f} for the field, level, has field)
    ("B.Sc. in {f}", "bachelor"),
    ("BSc {f}", "bachelor"),
    ("BA, {f}", "bachelor"),
    ("B.Eng. {f}", "bachelor"),
    ("MBA", "master"),
    ("M.S. in {f}", "master"),
    ("MSc {f}", "master"),
    ("Ph.D. in {f}", "doctorate"),
    ("PhD, {f}", "doctorate"),
    ("Doctor of Philosophy in {f}", "doctorate"),
    ("Associate of Applied Science in {f}", "associate"),
    ("Bachelor's degree in {f}", "bachelor"),
    ("{f}, B.S.", "bachelor"),
    ("Master of Engineering in {f}", "master"),
    ("B.Tech in {f}", "bachelor"),
    ("Bachelor of Science (Honours) in {f}", "bachelor"),
    ("M.Sc. {f}", "master"),
    ("BBA", "bachelor"),
    ("Master's in {f}", "master"),
    ("Doctorate in {f}", "doctorate"),
]


def _edu_lines(rng: random.Random, ed: dict, written_degree: str, layout: str) -> list[str]:
    inst, end = ed["institution"], ed["_written_end"]
    if layout == "degree_inst_year":
        return [f"{written_degree} — {inst}, {end}"]
    if layout == "inst_then_degree":
        return [inst, f"{written_degree}, {end}"]
    if layout == "pipes":
        return [f"{inst} | {written_degree} | {ed['_written_range']}"]
    if layout == "years_first":
        return [ed["_written_range"], f"{written_degree}", f"{inst} — {ed['_city']}"]
    if layout == "gpa":
        return [f"{inst}, {ed['_city']}", f"{written_degree}; GPA 3.{rng.randint(1, 9)}/4.0", end]
    return [written_degree, f"{inst}, {ed['_city']}", end]


def _cert_line(rng: random.Random, name: str, issuer: str, written: str | None) -> str:
    order = rng.choice(
        ["name_issuer_date", "issuer_name", "name_date_issuer", "pipes", "issued", "two_lines"]
    )
    if order == "issued" and written:
        return f"{name} — {issuer} · Issued {written} · Credential ID {rng.randint(10**5, 10**7)}"
    if order == "two_lines":
        return f"{name}\n{issuer}" + (f", {written}" if written else "")
    if order == "issuer_name":
        return f"{issuer} — {name}" + (f" ({written})" if written else "")
    if order == "name_date_issuer":
        return f"{name} ({written}), {issuer}" if written else f"{name}, {issuer}"
    if order == "pipes":
        return " | ".join(x for x in (name, issuer, written) if x)
    return f"{name}, {issuer}" + (f", {written}" if written else "")


def make_resume(seed: int) -> Resume:
    """One labelled resume, every style drawn independently from `seed`."""
    rng = random.Random(seed)
    first, last = rng.choice(NAMES)
    city, country = rng.choice(PLACES)
    name_lines, full_name, name_style = _name_lines(rng, first, last)
    email = _email(rng, first, last)
    phone_written, phone = _phone(rng, country)
    links = _links(rng, first, last)
    bits = [("email", email), ("phone", phone_written), ("loc", city)]
    bits += [("link", x) for x in links]
    rng.shuffle(bits)
    contact = name_lines[:]
    if rng.random() < 0.4:
        contact.append(rng.choice(TITLES))
    contact += _contact_lines(rng, bits)
    styles = {"name": name_style}
    underline = rng.random() < 0.3
    blocks: list[tuple[str, list[str]]] = [("contact", contact)]
    sections: dict[str, list[str]] = {}

    if rng.random() < 0.6:
        sections["summary"] = [rng.choice(SUMMARIES)]

    # Jobs, newest first, with gaps; the first may be current.
    layout = rng.choice(JOB_LAYOUTS)
    mark = rng.choice(["•", "-", "*", "▪", ""])
    styles["job_layout"] = layout
    y, m = 2026, rng.randint(1, 9)
    current = rng.random() < 0.6
    jobs, lines = [], []
    for k, company in enumerate(rng.sample(COMPANIES, rng.randint(1, 4))):
        end = None if (k == 0 and current) else (y, m)
        length = rng.randint(10, 40)
        sy, sm = divmod(y * 12 + m - 1 - length, 12)
        start = (sy, sm + 1)
        written, s_label, e_label, is_current = _date_range(rng, start, end)
        job = {
            "title": rng.choice(TITLES),
            "company": company,
            "location": rng.choice(JOB_PLACES),
            "start": s_label,
            "end": e_label,
            "current": is_current,
        }
        jobs.append(job)
        if lines:
            lines.append("")
        if k == 0 and length > 20 and rng.random() < 0.2:
            # A promotion: two roles under one company line, each with its own dates.
            mid = (sy * 12 + sm + length // 2) // 12, (sy * 12 + sm + length // 2) % 12 + 1
            later, s2, e2, cur2 = _date_range(rng, mid, end)
            earlier, s1, e1, cur1 = _date_range(rng, start, mid)
            first_title = rng.choice([t for t in TITLES if t != job["title"]])
            job.update(start=s2, end=e2, current=cur2)
            jobs.append(dict(job, title=first_title, start=s1, end=e1, current=cur1))
            lines += [f"{company}, {job['location']}", f"{job['title']} {later}"]
            lines += [f"{mark} {b}".strip() for b in rng.sample(BULLETS, 2)]
            lines += [f"{first_title} {earlier}", f"{mark} {rng.choice(BULLETS)}".strip()]
            styles["promotion"] = True
        else:
            lines += _job_lines(rng, job, written, layout, mark)
        gy, gm = divmod(sy * 12 + sm - rng.randint(1, 6), 12)
        y, m = gy, gm + 1
        if y < 2006:
            break
    sections["experience"] = lines

    edu_layout = rng.choice(
        ["degree_inst_year", "inst_then_degree", "pipes", "stacked", "years_first", "gpa"]
    )
    styles["edu_layout"] = edu_layout
    education, lines = [], []
    gy = y - rng.randint(0, 2)
    for school in rng.sample(sorted(SCHOOLS), rng.randint(1, 2)):
        pattern, level = rng.choice(DEGREES)
        subject = rng.choice(FIELDS)
        written_degree = pattern.format(f=subject)
        end_word = rng.choice(["plain", "plain", "expected", "class"])
        start_year = gy - rng.randint(2, 4)
        ed = {
            "degree": written_degree,
            "level": level,
            "field": subject if "{f}" in pattern else None,
            "institution": school,
            "start": None,
            "end": str(gy),
            "_city": SCHOOLS[school],
            "_written_end": {
                "plain": str(gy),
                "expected": f"Expected {rng.choice(MONTH_NAMES[4:6])} {gy}",
                "class": f"Class of {gy}",
            }[end_word],
            "_written_range": f"{start_year} – {gy}",
        }
        if edu_layout in ("pipes", "years_first"):
            ed["start"] = str(start_year)
            ed["end"] = str(gy)
        education.append(ed)
        if lines:
            lines.append("")
        lines += _edu_lines(rng, ed, written_degree, edu_layout)
        gy -= rng.randint(3, 5)
    if rng.random() < 0.15:
        hs = {"degree": rng.choice(["High School Diploma", "GED"]), "level": "high_school"}
        hs.update(field=None, institution="Riverside High School", start=None, end=str(gy))
        education.append(hs)
        lines += ["", f"{hs['degree']}, {hs['institution']}, {gy}"]
    sections["education"] = lines

    skill_names = rng.sample(SKILLS, rng.randint(5, 10))
    sections["skills"] = _skills_block(rng, skill_names)
    skills = [_skill_label(n) for n in skill_names]

    certs, lines = [], []
    if rng.random() < 0.7:
        for name, issuer in rng.sample(CERTS, rng.randint(1, 3)):
            cy, cm = rng.randint(2015, 2025), rng.randint(1, 12)
            forms = [f"{MONTH_NAMES[cm - 1][:3]} {cy}", str(cy), f"{cm:02d}/{cy}", None]
            written = rng.choice(forms)
            date_label = f"{cy}-{cm:02d}" if written and written != str(cy) else written
            certs.append({"name": name, "issuer": issuer, "date": date_label})
            lines.append(_cert_line(rng, name, issuer, written))
        if rng.random() < 0.5:
            bullet = rng.choice(["•", "-", "▪"])
            lines = [f"{bullet} {ln}" for ln in lines]
        # A certificate on two lines (name, then issuer) stays one item.
        sections["certifications"] = [x for ln in lines for x in ln.split("\n")]

    if rng.random() < 0.3:
        # Dated entries that are not jobs: projects and awards.
        sections["projects"] = [
            f"Inventory Forecasting Dashboard | {rng.randint(2018, 2024)}",
            f"{mark} Built a demand model in Python; cut stock-outs by 12%".strip(),
            f"Contributor, pandas ({rng.randint(2019, 2021)} – {rng.randint(2022, 2025)})",
        ]
    if rng.random() < 0.3:
        sections["awards"] = [
            f"Employee of the Year, {rng.choice(COMPANIES)}, {rng.randint(2015, 2024)}",
            f"Dean's List (Fall {rng.randint(2010, 2016)})",
        ]
    order = ["summary", "experience", "education", "skills", "certifications"]
    if rng.random() < 0.4:
        order = ["summary", "education", "skills", "experience", "certifications"]
    for kind in [*order, "projects", "awards"]:
        if kind in sections:
            blocks.append((kind, _heading(rng, kind, underline) + sections[kind]))

    label = {
        "contact": {"full_name": full_name, "email": email, "phone": phone, "location": city},
        "skills": skills,
        "experience": jobs,
        "education": [{k: v for k, v in e.items() if not k.startswith("_")} for e in education],
        "certifications": certs,
        "total_experience_years": None,
    }
    return Resume(f"u{seed:04d}", label, blocks, styles)


def to_docx(resume: Resume, rng: random.Random) -> bytes:
    """A DOCX with the contact block in the page header or body, jobs sometimes in a table."""
    document = docx.Document()
    contact_in_header = rng.random() < 0.4
    if rng.random() < 0.25:
        return _docx_heading_table(document, resume)
    if rng.random() < 0.2:
        return _docx_sidebar_table(document, resume)
    for role, lines in resume.blocks:
        if role == "contact" and contact_in_header:
            header = document.sections[0].header
            header.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                header.add_paragraph(line)
            continue
        if role == "skills" and rng.random() < 0.4 and len(lines) > 2 and ":" not in lines[1]:
            document.add_paragraph(lines[0])
            items = [x for ln in lines[1:] for x in ln.replace("\t", ", ").split(", ") if x]
            table = document.add_table(rows=(len(items) + 2) // 3, cols=3)
            for i, item in enumerate(items):
                table.cell(i // 3, i % 3).text = item
            continue
        tables = rng.random() < 0.5
        for line in lines:
            if "\t" in line and tables:
                # A job line laid out as a borderless two-cell table: text left, dates right.
                left, right = line.split("\t", 1)
                row = document.add_table(rows=1, cols=2).rows[0]
                row.cells[0].text, row.cells[1].text = left, right
            else:
                document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_heading_table(document: docx.document.Document, resume: Resume) -> bytes:
    """The template with a heading column: one table row per section, the heading in the
    left cell and the section's lines as paragraphs of the right cell."""
    contact = resume.blocks[0][1]
    for line in contact:
        document.add_paragraph(line)
    sections = resume.blocks[1:]
    table = document.add_table(rows=len(sections), cols=2)
    for row, (_, lines) in zip(table.rows, sections, strict=True):
        row.cells[0].text = lines[0]
        # Underlines under a heading have no place in a cell.
        body = [ln.replace("\t", "  ") for ln in lines[1:] if not ln or set(ln) - set("=-")]
        row.cells[1].text = body[0] if body else ""
        for line in body[1:]:
            row.cells[1].add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_sidebar_table(document: docx.document.Document, resume: Resume) -> bytes:
    """The two-column template: one table row, contact and skills in the narrow left cell,
    everything else in the right cell."""
    table = document.add_table(rows=1, cols=2)
    side, main = table.rows[0].cells
    first = {0: True, 1: True}
    for role, lines in resume.blocks:
        cell, k = (side, 0) if role in ("contact", "skills") else (main, 1)
        for line in [*lines, ""]:
            if first[k]:
                cell.text, first[k] = line, False
            else:
                cell.add_paragraph(line.replace("\t", "  "))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf(pages: list[list[tuple[float, float, str]]], size: int = 10) -> bytes:
    """A text PDF, one list of (x, y, text) per page (WinAnsi, so dashes and accents survive)."""
    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
    for items in pages:
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
        ops = []
        for x, y, text in items:
            raw = text.replace("▪", "•").encode("cp1252", errors="replace")
            escaped = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            ops.append(b"BT /F1 %d Tf 1 0 0 1 %.1f %.1f Tm (" % (size, x, y) + escaped + b") Tj ET")
        stream = DecodedStreamObject()
        stream.set_data(b"\n".join(ops))
        page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def to_pdf(resume: Resume, rng: random.Random) -> tuple[bytes, bool]:
    """A one-page PDF, one column or a sidebar (contact, skills, certificates) beside the rest."""
    two_col = rng.random() < 0.4
    items: list[tuple[float, float, str]] = []
    size = 8 if two_col else 10
    step = size + 3 if two_col else 15
    if not two_col:
        # Pages of about 45 lines, each with a running footer, as long resumes have.
        pages: list[list[tuple[float, float, str]]] = [items]
        footer = f"{resume.label['contact']['full_name']} – Page {{}}"
        y = 770.0
        for role, lines in resume.blocks:
            # Dates first: a gutter of dates at the left margin, the jobs indented beside it.
            gutter_block = role == "experience" and resume.styles["job_layout"] == "dates_tab_title"
            gutter = False
            for line in lines:
                # A job drawn in the gutter runs from its dated line to the next blank line.
                gutter = gutter_block and ("\t" in line or (gutter and bool(line)))
                if y < 60:
                    items.append((250, 30, footer.format(len(pages))))
                    items = []
                    pages.append(items)
                    y = 770.0
                parts = line.split("\t")
                if gutter:
                    if len(parts) == 2:
                        items.append((40, y, parts[0]))
                    items.append((230, y, parts[-1]))
                    y -= step
                    continue
                items.append((40, y, parts[0]))
                if len(parts) == 2:  # dates right-aligned
                    items.append((430, y, parts[1]))
                for k, part in enumerate(parts[1:] if len(parts) > 2 else []):
                    items.append((40 + 170 * (k + 1), y, part))  # table columns
                y -= step
            y -= step / 2
        if len(pages) > 1:
            items.append((250, 30, footer.format(len(pages))))
        return _pdf(pages, size), two_col
    aside = {"contact", "skills", *rng.sample(["certifications", "education", "awards"], 1)}
    side = [ln for role, lines in resume.blocks if role in aside for ln in [*lines, ""]]
    main = [ln for role, lines in resume.blocks if role not in aside for ln in [*lines, ""]]
    side = [piece for ln in side for piece in _wrap(ln.replace("\t", ", "), 34)]
    # Rows interleaved in the content stream, as many generators write them.
    for i in range(max(len(side), len(main))):
        y = 770.0 - i * step
        if i < len(side) and side[i]:
            items.append((30, y, side[i]))
        if i < len(main) and main[i]:
            parts = main[i].split("\t")
            items.append((220, y, parts[0]))
            if len(parts) > 1:
                items.append((480, y, parts[1]))
    return _pdf([items], size), two_col


def _wrap(line: str, width: int) -> list[str]:
    """Wraps a sidebar line at word boundaries, as a narrow text box does."""
    if len(line) <= width:
        return [line]
    if " | " in line:
        return [q for p in line.split(" | ") for q in _wrap(p.strip(), width)]
    out = [""]
    for word in line.split(" "):
        if out[-1] and len(out[-1]) + 1 + len(word) > width:
            out.append(word)
        else:
            out[-1] = f"{out[-1]} {word}".strip()
    return out


def corpus(n: int, seed: int = 7) -> list[tuple[str, str, dict, str]]:
    """`n` resumes, each as (id, format, label, extracted text) for text, DOCX and PDF."""
    out = []
    for i in range(n):
        resume = make_resume(seed * 1000 + i)
        rng = random.Random(seed * 7919 + i)
        out.append((resume.ident, "text", resume.label, resume.text))
        out.append((resume.ident, "docx", resume.label, extract_text(to_docx(resume, rng), "docx")))
        pdf, _ = to_pdf(resume, rng)
        out.append((resume.ident, "pdf", resume.label, extract_text(pdf, "pdf")))
    return out


def scorer():
    """The shared fixture scorer module (../shared/fixtures/score_resumes.py)."""
    spec = importlib.util.spec_from_file_location("score_resumes", FIXTURES / "score_resumes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(n: int, seed: int = 7) -> tuple[dict, list[tuple[str, str, dict, dict]]]:
    """Parses the corpus and scores it overall and per format; also returns every parse."""
    sc = scorer()
    tallies: dict[str, object] = defaultdict(sc.Tally)
    parses = []
    for ident, fmt, label, text in corpus(n, seed):
        pred = parse_text(text)
        scored = dict(label)
        scored["_skip"] = ["total_experience_years"]
        for key in ("overall", fmt):
            sc.score_one(tallies[key], scored, pred)
        parses.append((ident, fmt, label, pred))
    return {k: sc.summarize(v) for k, v in tallies.items()}, parses


ROWS = ["full_name", "email", "phone", "skills", "experience", "exp_dates"]
ROWS += ["education", "edu_level", "certifications"]


def table(report: dict) -> str:
    """The per-field table, overall and per format."""
    cols = ["overall", "text", "docx", "pdf"]
    out = [f"{'field':16}" + "".join(f"{c:>10}" for c in cols)]
    for r in ROWS:
        cells = []
        for c in cols:
            v = report[c][r]
            v = v["f1"] if isinstance(v, dict) else v
            cells.append(f"{'-' if v is None else f'{v:.3f}':>10}")
        out.append(f"{r:16}" + "".join(cells))
    return "\n".join(out)


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    report, _ = score(count)
    print(table(report))
