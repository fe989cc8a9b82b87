"""Ranking quality of matching.scoring on a seeded, labeled set of jobs and candidates.

For each of 30 jobs (10 occupations x 3 cities/seniorities) it builds 5 strong (relevance 2),
10 partial (1) and 25 poor (0) candidates. Fit is defined by construction only (skill overlap,
years, education, location), never by calling the scorer; noise is added to every group: alias
spellings, related-instead-of-exact skills, unrelated extra skills and missing data. Candidates
are shuffled, ranked with score(), and the ranking is measured with NDCG@10 and precision@k.

    .venv/bin/python bench/bench_ranking_quality.py [--seed 7] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matching.scoring import CandidateFacts, JobFacts, score

# Occupation -> skill pool, alias spellings people write, and a same-category substitute that
# a "partial" candidate may have instead of the exact skill.
OCCUPATIONS: dict[str, dict] = {
    "backend": {
        "skills": [
            "Python",
            "Django",
            "PostgreSQL",
            "Docker",
            "Kubernetes",
            "AWS",
            "Redis",
            "REST API",
            "Git",
            "Linux",
        ],
        "aliases": {
            "PostgreSQL": "Postgres",
            "Kubernetes": "k8s",
            "AWS": "Amazon Web Services",
            "Python": "python3",
        },
        "related": {
            "PostgreSQL": "MySQL",
            "Django": "Flask",
            "AWS": "Google Cloud",
            "Redis": "Memcached",
            "Kubernetes": "Docker Swarm",
        },
    },
    "frontend": {
        "skills": [
            "JavaScript",
            "TypeScript",
            "React",
            "HTML",
            "CSS",
            "Redux",
            "Jest",
            "Webpack",
            "GraphQL",
            "Next.js",
        ],
        "aliases": {
            "JavaScript": "JS",
            "React": "React.js",
            "TypeScript": "TS",
            "CSS": "CSS3",
            "HTML": "HTML5",
        },
        "related": {
            "React": "Vue.js",
            "Redux": "MobX",
            "Jest": "Mocha",
            "Webpack": "Vite",
            "TypeScript": "Dart",
        },
    },
    "data_science": {
        "skills": [
            "Python",
            "SQL",
            "Pandas",
            "scikit-learn",
            "TensorFlow",
            "Machine Learning",
            "Statistics",
            "Tableau",
            "NumPy",
            "R",
        ],
        "aliases": {
            "scikit-learn": "sklearn",
            "Machine Learning": "ML",
            "TensorFlow": "tensorflow",
        },
        "related": {
            "TensorFlow": "PyTorch",
            "Tableau": "Power BI",
            "Pandas": "Polars",
            "Python": "Julia",
        },
    },
    "data_engineering": {
        "skills": [
            "SQL",
            "Apache Spark",
            "Apache Airflow",
            "Apache Kafka",
            "Python",
            "Snowflake",
            "dbt",
            "AWS",
            "Scala",
            "ETL",
        ],
        "aliases": {
            "Apache Spark": "Spark",
            "Apache Airflow": "Airflow",
            "Apache Kafka": "Kafka",
            "AWS": "Amazon Web Services",
        },
        "related": {
            "Snowflake": "BigQuery",
            "Apache Kafka": "RabbitMQ",
            "Scala": "Java",
            "AWS": "Microsoft Azure",
        },
    },
    "devops": {
        "skills": [
            "AWS",
            "Terraform",
            "Kubernetes",
            "Docker",
            "CI/CD",
            "Jenkins",
            "Linux",
            "Ansible",
            "Prometheus",
            "Bash",
        ],
        "aliases": {"Kubernetes": "K8s", "AWS": "Amazon Web Services", "CI/CD": "CICD"},
        "related": {
            "Jenkins": "GitHub Actions",
            "Terraform": "Pulumi",
            "Ansible": "Puppet",
            "Prometheus": "Grafana",
            "AWS": "Microsoft Azure",
        },
    },
    "nursing": {
        "skills": [
            "Patient Care",
            "BLS",
            "ACLS",
            "Electronic Health Records",
            "Medication Administration",
            "IV Therapy",
            "Wound Care",
            "Epic",
            "Triage",
            "Phlebotomy",
        ],
        "aliases": {
            "Electronic Health Records": "EHR",
            "BLS": "Basic Life Support",
            "ACLS": "Advanced Cardiovascular Life Support",
        },
        "related": {"Epic": "Cerner"},
    },
    "accounting": {
        "skills": [
            "GAAP",
            "QuickBooks",
            "Financial Reporting",
            "Microsoft Excel",
            "Accounts Payable",
            "Accounts Receivable",
            "Account Reconciliation",
            "SAP",
            "Budgeting",
            "Auditing",
        ],
        "aliases": {"Microsoft Excel": "Excel", "QuickBooks": "Quickbooks Online"},
        "related": {"QuickBooks": "Xero", "SAP": "Oracle NetSuite"},
    },
    "sales": {
        "skills": [
            "Salesforce",
            "CRM",
            "Lead Generation",
            "Negotiation",
            "Cold Calling",
            "B2B Sales",
            "Account Management",
            "HubSpot",
            "Pipeline Management",
            "Customer Relationship Management",
        ],
        "aliases": {"Salesforce": "SFDC"},
        "related": {"Salesforce": "Zoho CRM", "HubSpot": "Pipedrive"},
    },
    "logistics": {
        "skills": [
            "Supply Chain Management",
            "Inventory Management",
            "Warehouse Management",
            "Forklift Operation",
            "Procurement",
            "Logistics",
            "SAP",
            "Shipping",
            "Demand Planning",
            "Vendor Management",
        ],
        "aliases": {"Supply Chain Management": "SCM"},
        "related": {"SAP": "Microsoft Dynamics"},
    },
    "design": {
        "skills": [
            "Figma",
            "Adobe Photoshop",
            "Adobe Illustrator",
            "UX Design",
            "UI Design",
            "Prototyping",
            "Wireframing",
            "User Research",
            "Adobe XD",
            "Typography",
        ],
        "aliases": {
            "Adobe Photoshop": "Photoshop",
            "Adobe Illustrator": "Illustrator",
            "UX Design": "User Experience Design",
        },
        "related": {"Figma": "Sketch", "Adobe XD": "InVision"},
    },
}

# Hub city -> nearby towns (same metro) and other cities of the same state/province.
HUBS: dict[str, tuple[list[str], list[str]]] = {
    "Seattle, WA": (
        ["Bellevue, WA", "Redmond, WA", "Kirkland, WA"],
        ["Spokane, WA", "Yakima, WA", "Olympia, WA"],
    ),
    "Austin, TX": (
        ["Round Rock, TX", "Cedar Park, TX", "Pflugerville, TX"],
        ["Houston, TX", "Dallas, TX", "El Paso, TX"],
    ),
    "Chicago, IL": (
        ["Evanston, IL", "Oak Park, IL", "Cicero, IL"],
        ["Springfield, IL", "Peoria, IL", "Rockford, IL"],
    ),
    "Denver, CO": (
        ["Aurora, CO", "Lakewood, CO", "Arvada, CO"],
        ["Colorado Springs, CO", "Fort Collins, CO", "Pueblo, CO"],
    ),
    "Atlanta, GA": (
        ["Decatur, GA", "Sandy Springs, GA", "Marietta, GA"],
        ["Savannah, GA", "Augusta, GA", "Macon, GA"],
    ),
    "Boston, MA": (
        ["Cambridge, MA", "Somerville, MA", "Quincy, MA"],
        ["Worcester, MA", "Springfield, MA", "Lowell, MA"],
    ),
    "Toronto, ON, Canada": (
        ["Mississauga, ON", "Markham, ON", "Vaughan, ON"],
        ["Ottawa, ON", "London, ON", "Windsor, ON"],
    ),
}
ABROAD = [
    "Berlin, Germany",
    "London, UK",
    "Bengaluru, India",
    "Sydney, Australia",
    "Paris, France",
    "Mexico City, Mexico",
]
COUNTRY_OTHERS = {
    "US": ["Phoenix, AZ", "Miami, FL", "Portland, OR", "Nashville, TN", "Columbus, OH"],
    "CA": ["Vancouver, BC", "Calgary, AB", "Montreal, QC", "Halifax, NS"],
}
LEVELS = ["high_school", "associate", "bachelor", "master", "doctorate"]
GENERIC_NOISE = [
    "Communication",
    "Teamwork",
    "Leadership",
    "Problem Solving",
    "Time Management",
    "Microsoft Word",
    "Public Speaking",
    "Project Management",
]


@dataclass(frozen=True)
class Labeled:
    facts: CandidateFacts
    relevance: int


def make_jobs(rng: random.Random) -> list[tuple[str, str, JobFacts]]:
    """Three jobs per occupation with different hubs, seniority and remote policy."""
    jobs = []
    hubs = list(HUBS)
    policies = ["onsite", "hybrid", "remote"]
    for i, (occupation, spec) in enumerate(OCCUPATIONS.items()):
        for j in range(3):
            pool = spec["skills"][:]
            rng.shuffle(pool)
            n_required = rng.randint(4, 7)
            required = tuple(pool[:n_required])
            preferred = tuple(pool[n_required : n_required + rng.randint(0, 3)])
            education = rng.choice([None, "associate", "bachelor", "bachelor", "master"])
            jobs.append(
                (
                    occupation,
                    hubs[(i + j) % len(hubs)],
                    JobFacts(
                        required_skills=required,
                        preferred_skills=preferred,
                        min_years=rng.choice([None, 1, 2, 3, 5, 5, 7, 8]),
                        education_level=education,
                        location=hubs[(i + j) % len(hubs)],
                        remote_policy=policies[(i * 3 + j) % 3] if j else "onsite",
                    ),
                )
            )
    return jobs


def _spell(rng: random.Random, skill: str, spec: dict) -> str:
    """Write the skill as a candidate might: an alias, lower case, or as is."""
    roll = rng.random()
    if roll < 0.3 and skill in spec["aliases"]:
        return spec["aliases"][skill]
    if roll < 0.4:
        return skill.lower()
    return skill


def _country_of(hub: str) -> str:
    return "CA" if hub.endswith("Canada") else "US"


def make_candidate(
    rng: random.Random, relevance: int, occupation: str, hub: str, job: JobFacts
) -> CandidateFacts:
    """Build a candidate whose fit to `job` is `relevance` by construction."""
    spec = OCCUPATIONS[occupation]
    required, preferred = list(job.required_skills), list(job.preferred_skills)
    skills: list[str] = []
    if relevance == 2:
        # All required skills (one may be missing) and most preferred ones.
        drop = rng.choice(required) if rng.random() < 0.2 else None
        skills += [_spell(rng, s, spec) for s in required if s != drop]
        skills += [_spell(rng, s, spec) for s in preferred if rng.random() < 0.7]
    elif relevance == 1:
        # About half of the required skills; some of the rest replaced by a related skill.
        kept = rng.sample(required, max(1, round(len(required) * rng.uniform(0.4, 0.65))))
        skills += [_spell(rng, s, spec) for s in kept]
        for s in required:
            if s not in kept and s in spec["related"] and rng.random() < 0.6:
                skills.append(spec["related"][s])
        skills += [_spell(rng, s, spec) for s in preferred if rng.random() < 0.3]
    else:
        # Another occupation's profile, maybe with one coincidental overlap. Occupations share
        # skills (devops and backend both list Docker), so the job's own skills are taken out
        # first: otherwise a "poor" label would sit on a candidate who in fact fits.
        other = rng.choice([o for o in OCCUPATIONS if o != occupation])
        foreign = [s for s in OCCUPATIONS[other]["skills"] if s not in required + preferred]
        skills += rng.sample(foreign, min(len(foreign), rng.randint(4, 8)))
        if rng.random() < 0.3:
            skills.append(_spell(rng, rng.choice(required), spec))
    skills += rng.sample(GENERIC_NOISE, rng.randint(0, 3))
    rng.shuffle(skills)

    minimum = job.min_years or 0
    if relevance == 2:
        years = minimum + rng.uniform(0.5, 6)
    elif relevance == 1:
        years = minimum * rng.uniform(0.4, 0.9) if minimum else rng.uniform(0, 3)
    else:
        years = rng.uniform(0, 15)
    total_years = None if rng.random() < (0.1 if relevance == 2 else 0.2) else round(years, 1)

    required_level = LEVELS.index(job.education_level) if job.education_level else 1
    if relevance == 2:
        level = LEVELS[min(4, required_level + rng.choice([0, 0, 1]))]
    elif relevance == 1:
        level = LEVELS[max(0, required_level - rng.choice([0, 1]))]
    else:
        level = rng.choice(LEVELS)
    education = None if rng.random() < 0.1 else level

    suburbs, state_cities = HUBS[hub]
    roll = rng.random()
    if relevance == 2:
        location = (
            hub
            if roll < 0.45
            else rng.choice(suburbs)
            if roll < 0.7
            else rng.choice(state_cities)
            if roll < 0.9
            else rng.choice([None, "Remote"])
        )
    elif relevance == 1:
        location = (
            rng.choice(state_cities)
            if roll < 0.35
            else rng.choice(COUNTRY_OTHERS[_country_of(hub)])
            if roll < 0.7
            else hub
            if roll < 0.85
            else None
        )
    else:
        others = [h for h in HUBS if h != hub]
        location = rng.choice(
            [hub, rng.choice(others), rng.choice(ABROAD), rng.choice(ABROAD), None]
        )
    return CandidateFacts(
        skills=tuple(skills),
        total_years=total_years,
        education_level=education,
        location=location,
    )


def ndcg_at(relevances: list[int], k: int) -> float:
    """NDCG@k with gain 2^rel - 1."""

    def dcg(rels: list[int]) -> float:
        return sum((2**r - 1) / math.log2(i + 2) for i, r in enumerate(rels[:k]))

    ideal = dcg(sorted(relevances, reverse=True))
    return dcg(relevances) / ideal if ideal else 0.0


def run(seed: int, n_strong: int = 5, n_partial: int = 10, n_poor: int = 25) -> dict:
    """Generate, rank and measure; returns the figures."""
    rng = random.Random(seed)
    jobs = make_jobs(rng)
    ndcgs, p10s, p5s = [], [], []
    by_relevance: dict[int, list[int]] = {0: [], 1: [], 2: []}
    per_occupation: dict[str, list[float]] = {}
    for occupation, hub, job in jobs:
        labeled = [
            Labeled(make_candidate(rng, rel, occupation, hub, job), rel)
            for rel, n in ((2, n_strong), (1, n_partial), (0, n_poor))
            for _ in range(n)
        ]
        rng.shuffle(labeled)  # ties keep this random order, so they earn no credit
        scored = [(score(item.facts, job).overall, item.relevance) for item in labeled]
        for overall, rel in scored:
            by_relevance[rel].append(overall)
        ranked = [rel for _, rel in sorted(scored, key=lambda pair: -pair[0])]
        ndcg = ndcg_at(ranked, 10)
        ndcgs.append(ndcg)
        per_occupation.setdefault(occupation, []).append(ndcg)
        p10s.append(sum(1 for r in ranked[:10] if r == 2) / 10)
        p5s.append(sum(1 for r in ranked[:5] if r == 2) / 5)
    return {
        "seed": seed,
        "jobs": len(jobs),
        "candidates_per_job": n_strong + n_partial + n_poor,
        "ndcg_at_10": statistics.mean(ndcgs),
        "ndcg_at_10_min": min(ndcgs),
        "precision_at_10": statistics.mean(p10s),
        "precision_at_10_ceiling": min(n_strong, 10) / 10,
        "precision_at_5": statistics.mean(p5s),
        "mean_score": {
            "strong": statistics.mean(by_relevance[2]),
            "partial": statistics.mean(by_relevance[1]),
            "poor": statistics.mean(by_relevance[0]),
        },
        "ndcg_at_10_by_occupation": {o: statistics.mean(v) for o, v in per_occupation.items()},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    result = run(args.seed)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    means = result["mean_score"]
    print(
        f"jobs={result['jobs']} candidates/job={result['candidates_per_job']} seed={result['seed']}"
    )
    print(
        f"NDCG@10         mean {result['ndcg_at_10']:.3f}  "
        f"(worst job {result['ndcg_at_10_min']:.3f})"
    )
    print(
        f"precision@10    {result['precision_at_10']:.3f}  (ceiling "
        f"{result['precision_at_10_ceiling']:.2f}: 5 strong per job)"
    )
    print(f"precision@5     {result['precision_at_5']:.3f}")
    print(
        f"mean score      strong {means['strong']:.1f} > partial {means['partial']:.1f} "
        f"> poor {means['poor']:.1f}: "
        f"{'yes' if means['strong'] > means['partial'] > means['poor'] else 'NO'}"
    )
    for occupation, value in result["ndcg_at_10_by_occupation"].items():
        print(f"  {occupation:<18} NDCG@10 {value:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
