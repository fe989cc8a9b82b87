"""The skills taxonomy: aliases, categories, skills in free text, and the data file itself."""

from __future__ import annotations

import json
import time
from collections import Counter

import pytest

from resumes.parsing.taxonomy import DATA_FILE, Skill, Taxonomy, get_taxonomy, skill_key


@pytest.fixture(scope="module")
def tax() -> Taxonomy:
    return get_taxonomy()


@pytest.fixture(scope="module")
def raw_skills() -> list[dict]:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))["skills"]


# --- canonical names and aliases ---------------------------------------------------------------


@pytest.mark.parametrize("written", ["JS", "Javascript", "JavaScript", "javascript", " js ", "ES6"])
def test_javascript_aliases_map_to_one_skill(tax, written):
    assert tax.canonical(written) == "JavaScript"


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("nodejs", "Node.js"),
        ("Node JS", "Node.js"),
        ("postgres", "PostgreSQL"),
        ("Postgre SQL", "PostgreSQL"),
        ("k8s", "Kubernetes"),
        ("AWS", "Amazon Web Services"),
        ("Excel", "Microsoft Excel"),
        ("MS Excel", "Microsoft Excel"),
        ("sklearn", "Scikit-learn"),
        ("scikit learn", "Scikit-learn"),
        ("CI/CD", "Continuous Integration"),
        ("golang", "Go"),
        ("BLS", "Basic Life Support"),
        ("GAAP", "Generally Accepted Accounting Principles"),
        ("dotnet", ".NET"),
    ],
)
def test_common_spellings_resolve_to_the_canonical_name(tax, written, canonical):
    assert tax.canonical(written) == canonical


def test_punctuation_that_names_a_different_language_is_kept_apart(tax):
    assert tax.canonical("C") == "C"
    assert tax.canonical("c++") == "C++"
    assert tax.canonical("c#") == "C#"
    assert tax.canonical("F#") == "F#"


def test_versions_and_parenthesised_abbreviations_are_ignored(tax):
    assert tax.canonical("Python 3.11") == "Python"
    assert tax.canonical("Java 8") == "Java"
    assert tax.canonical("Amazon Web Services (AWS)") == "Amazon Web Services"
    assert tax.canonical("Series 7") == "Series 7"


def test_unknown_skill_is_none_for_canonical_but_kept_tidy_by_normalize(tax):
    assert tax.canonical("Underwater Basket Weaving") is None
    assert tax.normalize("  Underwater   Basket Weaving, ") == "Underwater Basket Weaving"
    assert tax.normalize("javascript") == "JavaScript"


def test_membership_and_length(tax):
    assert "React.js" in tax
    assert "Underwater Basket Weaving" not in tax
    assert len(tax) >= 1500


# --- categories --------------------------------------------------------------------------------


def test_category_is_found_through_an_alias(tax):
    assert tax.category("Postgres") == "databases"
    assert tax.category("EHR") == tax.category("Epic")
    assert tax.category("Underwater Basket Weaving") is None


def test_related_means_different_skills_in_the_same_category(tax):
    assert tax.related("Python", "Java")
    assert tax.related("Postgres", "MySQL")
    assert tax.related("Scrum", "Kanban")
    assert not tax.related("Python", "python")
    assert not tax.related("Python", "Phlebotomy")
    assert not tax.related("Python", "Underwater Basket Weaving")


def test_skills_in_category_lists_canonical_names(tax):
    languages = tax.skills_in_category("programming_languages")
    assert {"Python", "JavaScript", "Go", "C++"} <= set(languages)
    assert tax.skills_in_category("no_such_category") == []


# --- skills in free text -----------------------------------------------------------------------


def test_find_in_text_keeps_order_of_first_appearance_without_duplicates(tax):
    text = "Built APIs in Python and Django; later moved the Python services to Kubernetes."
    assert tax.find_in_text(text) == ["Python", "Django", "Kubernetes"]


def test_find_in_text_handles_symbols_and_dotted_names(tax):
    text = "Stack: C++, C#, .NET, Node.js, CI/CD, Vue.js; also ASP.NET and T-SQL."
    assert tax.find_in_text(text) == [
        "C++",
        "C#",
        ".NET",
        "Node.js",
        "Continuous Integration",
        "Vue.js",
        "ASP.NET",
        "T-SQL",
    ]


def test_find_in_text_handles_slashes_hyphens_and_line_breaks(tax):
    text = "Python/Django, HTML/CSS, React-based UIs, Machine\nLearning and scikit-learn."
    assert tax.find_in_text(text) == [
        "Python",
        "Django",
        "HTML",
        "CSS",
        "React",
        "Machine Learning",
        "Scikit-learn",
    ]


def test_longest_alias_wins(tax):
    assert tax.find_in_text("Experienced with Spring Boot and Microsoft Excel") == [
        "Spring Boot",
        "Microsoft Excel",
    ]
    assert tax.find_in_text("Google Cloud Platform") == ["Google Cloud Platform"]


def test_go_counts_in_a_list_but_not_as_a_verb(tax):
    assert tax.find_in_text("I will go to the store") == []
    assert tax.find_in_text("Go to market with the team") == []
    assert tax.find_in_text("Led the Go-Live of the new EHR") == ["Electronic Health Records"]
    assert tax.find_in_text("Go, Python") == ["Go", "Python"]
    assert tax.find_in_text("Languages: Python, Go and Rust") == ["Python", "Go", "Rust"]


def test_single_letter_languages_only_count_as_list_items(tax):
    assert tax.find_in_text("Skills: Python, R, C") == ["Python", "R", "C"]
    assert tax.find_in_text("Managed R&D for Vitamin C products; John R. Smith") == []
    assert tax.find_in_text("Led a C-suite review") == []


def test_state_codes_in_addresses_are_not_skills(tax):
    assert tax.find_in_text("Office in Little Rock, AR 72201") == []
    assert tax.find_in_text("Based in Little Rock, AR.") == []
    assert tax.find_in_text("Accounting: AP, AR, payroll") == [
        "Accounts Payable",
        "Accounts Receivable",
        "Payroll",
    ]


def test_short_product_names_count_in_a_list_of_services(tax):
    assert tax.find_in_text("AWS (S3, Redshift, Glue)") == [
        "Amazon Web Services",
        "Amazon S3",
        "Amazon Redshift",
        "AWS Glue",
    ]
    assert tax.find_in_text("We offer competitive compensation and glue code") == []


def test_common_english_words_are_not_skills(tax):
    text = (
        "I excel at problem framing; we react quickly to incidents, rest when needed, "
        "and go the extra mile. Access to the word processor was limited in spring. "
        "We had an epic year with a swift, lean team; rust on the pipes; a sketch of the plan; "
        "the express train; managed teams of five; a solid outlook; ruby red; sap from trees."
    )
    assert tax.find_in_text(text) == []


def test_capitalised_product_names_still_count(tax):
    text = "Charted in Epic and Cerner. Built models in Excel; mockups in Sketch; Rust services."
    assert tax.find_in_text(text) == [
        "Epic",
        "Cerner",
        "Microsoft Excel",
        "Sketch",
        "Rust",
    ]


def test_words_inside_urls_and_emails_are_not_skills(tax):
    text = "https://github.com/jane-doe jane@python.org linkedin.com/in/java-dev"
    assert tax.find_in_text(text) == []


def test_find_in_text_of_empty_text_is_empty(tax):
    assert tax.find_in_text("") == []


def test_find_in_text_is_fast_on_a_three_page_resume(tax):
    paragraph = (
        "Senior engineer with 8 years of Python, Django, PostgreSQL and AWS experience. "
        "Led a team of five building REST APIs, CI/CD pipelines with GitHub Actions, and "
        "dashboards in Tableau; mentored juniors and ran Scrum ceremonies.\n"
    )
    text = paragraph * 60  # about 15,000 characters, a long three-page resume
    tax.find_in_text("warm-up")
    start = time.perf_counter()
    for _ in range(10):
        tax.find_in_text(text)
    per_call = (time.perf_counter() - start) / 10
    assert per_call < 0.05


# --- the data file -----------------------------------------------------------------------------


def test_data_has_at_least_1500_skills_each_with_a_category(raw_skills):
    assert len(raw_skills) >= 1500
    assert all(item["name"].strip() and item["category"].strip() for item in raw_skills)


def test_no_alias_or_name_belongs_to_two_skills(raw_skills):
    owners: dict[str, set[str]] = {}
    for item in raw_skills:
        for form in [item["name"], *item["aliases"]]:
            owners.setdefault(skill_key(form), set()).add(item["name"])
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert shared == {}


def test_names_are_unique(raw_skills):
    counts = Counter(item["name"] for item in raw_skills)
    assert [name for name, n in counts.items() if n > 1] == []


def test_every_category_has_skills_and_categories_are_fine_grained(tax):
    categories = tax.categories()
    assert 40 <= len(categories) <= 80
    assert all(tax.skills_in_category(category) for category in categories)


def test_case_sensitive_and_list_only_forms_are_names_or_aliases(raw_skills):
    for item in raw_skills:
        forms = {item["name"], *item["aliases"]}
        assert set(item.get("case_sensitive", [])) <= forms, item["name"]
        assert set(item.get("list_only", [])) <= forms, item["name"]


def test_fixture_labels_use_canonical_names_the_taxonomy_knows(tax):
    for name in ["Amazon Web Services", "Microsoft Power BI", "Electronic Health Records"]:
        assert tax.canonical(name) == name


def test_taxonomy_rejects_an_alias_shared_by_two_skills():
    skills = [
        Skill(name="Go", category="programming_languages", aliases=("Golang",)),
        Skill(name="Golang Tools", category="devops_tools", aliases=("golang",)),
    ]
    with pytest.raises(ValueError, match="Golang"):
        Taxonomy(skills)
