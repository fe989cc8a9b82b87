"""Whole resumes in styles the fixtures do not use: exports, other languages, no headings."""

from __future__ import annotations

import io
from datetime import date

import docx

from resumes.parsing import extract_text, parse_text

TODAY = date(2026, 11, 1)


def test_linkedin_style_export_with_durations_and_place_lines() -> None:
    text = (
        "John Smith\njohn.smith@gmail.com\nExperience\nGlobex Corporation\nSenior Data Analyst\n"
        "January 2020 - Present (4 years 11 months)\nSan Francisco, California\nInitech\n"
        "Data Analyst\nJune 2016 - December 2019 (3 years 7 months)\nAustin, Texas\n"
    )
    jobs = parse_text(text, today=TODAY)["experience"]
    assert [(j["title"], j["company"], j["location"], j["start"], j["end"]) for j in jobs] == [
        ("Senior Data Analyst", "Globex Corporation", "San Francisco, California", "2020-01", None),
        ("Data Analyst", "Initech", "Austin, Texas", "2016-06", "2019-12"),
    ]


def test_roles_listed_under_one_company_each_get_the_company() -> None:
    text = (
        "Priya Natarajan\nWork Experience\nInfosys Limited, Bengaluru    Jul 2015 – Present\n"
        "Technology Lead (Apr 2019 – Present)\n• Led a team of 8\n"
        "Senior Systems Engineer (Jul 2015 – Mar 2019)\n• Built the billing service\n"
    )
    jobs = parse_text(text, today=TODAY)["experience"]
    assert [(j["title"], j["company"], j["start"]) for j in jobs] == [
        ("Technology Lead", "Infosys Limited", "2019-04"),
        ("Senior Systems Engineer", "Infosys Limited", "2015-07"),
    ]


def test_name_with_honorific_and_post_nominals() -> None:
    for line, name in [
        ("Jennifer A. Lopez, MBA, PMP", "Jennifer A. Lopez"),
        ("Dr. Wei Zhang", "Wei Zhang"),
    ]:
        assert parse_text(f"{line}\nwz@example.com\n")["contact"]["full_name"] == name


def test_labelled_personal_details_and_document_title() -> None:
    text = "Curriculum Vitae\nPersonal information\nName: Anna Kowalska\nEmail: anna@example.pl\n"
    assert parse_text(text)["contact"]["full_name"] == "Anna Kowalska"


def test_portuguese_headings_and_present_word() -> None:
    text = (
        "Ana Souza\nana@souza.com.br | +55 11 91234-5678 | São Paulo, Brazil\n"
        "Experiência Profissional\nAnalista de Dados — Itaú Unibanco\nmar 2020 – atual\n"
        "Formação Acadêmica\nBacharelado em Estatística, Universidade de São Paulo, 2019\n"
        "Idiomas\nPortuguês (nativo), Inglês (fluente)\n"
    )
    data = parse_text(text, today=TODAY)
    assert [(j["title"], j["company"], j["start"], j["current"]) for j in data["experience"]] == [
        ("Analista de Dados", "Itaú Unibanco", "2020-03", True)
    ]
    assert [(e["institution"], e["level"]) for e in data["education"]] == [
        ("Universidade de São Paulo", "bachelor")
    ]
    assert data["languages"] == ["Português", "Inglês"]
    assert data["contact"]["phone"] == "+5511912345678"


def test_resume_without_any_headings_still_yields_jobs_and_degrees() -> None:
    text = (
        "Tom Baker\ntom.baker@example.com\n(555) 010-9999\n"
        "Acme Inc, Staff Engineer, 2016 - present\nGlobex, Senior Engineer, 2012 - 2016\n"
        "University of Michigan, BS Computer Science, 2012\n"
    )
    data = parse_text(text, today=TODAY)
    assert [(j["title"], j["company"]) for j in data["experience"]] == [
        ("Staff Engineer", "Acme Inc"),
        ("Senior Engineer", "Globex"),
    ]
    assert [(e["institution"], e["level"]) for e in data["education"]] == [
        ("University of Michigan", "bachelor")
    ]


def test_skill_table_rows_and_labelled_levels() -> None:
    text = "Pat Doe\nSkills\nPython | Expert | 8 years\nExpert: Go, Rust; Intermediate: SQL\n"
    skills = {s["name"]: (s["proficiency"], s["years"]) for s in parse_text(text)["skills"]}
    assert skills["Python"] == ("expert", 8)
    assert skills["Go"] == ("expert", None)
    assert skills["SQL"] == ("intermediate", None)
    assert "Expert" not in skills


def test_docx_with_dates_column_table_and_contact_in_page_header() -> None:
    doc = docx.Document()
    doc.sections[0].header.paragraphs[
        0
    ].text = "KIM LEE | kim.lee@example.com | +1 (212) 555-0188 | New York, NY"
    doc.add_paragraph("PROFESSIONAL EXPERIENCE")
    table = doc.add_table(rows=2, cols=2)
    for row, (dates, title, company) in enumerate(
        [
            ("2019 – Present", "Senior Accountant", "Deloitte, New York"),
            ("2015 – 2019", "Staff Accountant", "KPMG, Chicago"),
        ]
    ):
        table.cell(row, 0).text = dates
        cell = table.cell(row, 1)
        cell.text = title
        cell.add_paragraph(company)
        cell.add_paragraph("• Closed the books every month")
    out = io.BytesIO()
    doc.save(out)
    data = parse_text(extract_text(out.getvalue(), "docx"), today=TODAY)
    assert data["contact"]["full_name"] == "Kim Lee"
    assert data["contact"]["phone"] == "+12125550188"
    assert [(j["title"], j["company"], j["location"], j["start"]) for j in data["experience"]] == [
        ("Senior Accountant", "Deloitte", "New York", "2019"),
        ("Staff Accountant", "KPMG", "Chicago", "2015"),
    ]
