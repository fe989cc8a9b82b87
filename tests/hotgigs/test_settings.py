"""Settings come from the environment; production refuses unsafe defaults."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 20 + "Zq8!x2Lm9@Vb4#Nc7$Hd1%Fg6^Jk3&Ls5*"


def _run(code: str, **env: str) -> subprocess.CompletedProcess:
    base = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"}
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "hotgigs.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _run(
        "import django; django.setup()",
        DEBUG="false",
        ALLOWED_HOSTS="hotgigs.example",
        VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = _run(
        "import django; django.setup()", DEBUG="false", SECRET_KEY=STRONG_KEY, VAR_DIR=str(tmp_path)
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_check_deploy_is_clean_under_a_production_environment(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **os.environ,
            "DEBUG": "false",
            "SECRET_KEY": STRONG_KEY,
            "ALLOWED_HOSTS": "hotgigs.example",
            "VAR_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_development_secret_key_is_generated_once_into_var(tmp_path):
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = _run(code, VAR_DIR=str(tmp_path), DEBUG="true")
    second = _run(code, VAR_DIR=str(tmp_path), DEBUG="true")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert len(first.stdout.strip()) >= 50
    assert (tmp_path / "secret_key").exists()


def test_database_and_broker_come_from_the_environment(tmp_path):
    code = (
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "print(d['ENGINE'], d['NAME'], d['CONN_MAX_AGE'], settings.CELERY_BROKER_URL)"
    )
    result = _run(
        code,
        VAR_DIR=str(tmp_path),
        DATABASE_URL="postgres://u:p@db.example:5432/hotgigs",
        CELERY_BROKER_URL="redis://cache.example:6379/0",
    )
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "hotgigs",
        "60",
        "redis://cache.example:6379/0",
    ]


def test_defaults_use_sqlite_and_a_filesystem_broker_under_var(tmp_path):
    code = (
        "from django.conf import settings; print(settings.DATABASES['default']['NAME']);"
        "print(settings.CELERY_BROKER_URL); print(settings.MEDIA_ROOT)"
    )
    env = {"VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            k: v
            for k, v in {**os.environ, **env}.items()
            if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "MEDIA_ROOT"}
        },
    )
    db, broker, media = result.stdout.split()
    assert db == str(tmp_path / "db.sqlite3")
    assert broker == "filesystem://"
    assert media == str(tmp_path / "media")
