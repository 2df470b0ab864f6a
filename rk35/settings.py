"""What the book's configuration (_config.yml) says of who publishes it, where it lives and which edition it is: read
here, once, so that the standards page, the verdict boxes' report links, the title page, the front page and every
download use one setting."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "_config.yml"


@functools.cache
def config() -> dict:
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))


def publisher() -> str:
    """Who publishes the book, as the configuration names its author."""
    return str(config().get("author", "")).strip()


def repository_url() -> str:
    """The public repository's address (repository.url), or "" where none is configured."""
    return str((config().get("repository") or {}).get("url", "") or "").strip()


def report_url(claim_label: str) -> str:
    """A link that opens a new issue on the repository with the claim named, or "" where no repository is
    configured."""
    base = repository_url().rstrip("/")
    if not base:
        return ""
    return f"{base}/issues/new?title={quote('Error report: ' + claim_label)}"


@dataclass(frozen=True)
class Edition:
    """An edition of the book: its number (1, 2, …) and its date (ISO, as the configuration sets it, never the
    clock's)."""

    number: int
    date: str

    def __str__(self) -> str:
        return f"{self.number} {self.date}"


def check_edition(number, date, where: str) -> Edition:
    """An edition from its number and date as written in `where`; anything else is an error that names the field."""
    if isinstance(date, datetime.date):  # YAML reads an unquoted 2026-12-02 as a date
        date = date.isoformat()
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise ValueError(f"{where}, field 'number': an edition number is a whole number from 1 (found {number!r})")
    try:
        if not isinstance(date, str) or len(date) != 10:
            raise ValueError
        datetime.date.fromisoformat(date)
    except ValueError:
        raise ValueError(f"{where}, field 'date': an edition date is a calendar date written YYYY-MM-DD "
                         f"(found {date!r})") from None
    return Edition(number, date)


def edition() -> Edition:
    """The edition the book is, as _config.yml sets it (rk35.edition: number and date): the one place it is set."""
    settings = (config().get("rk35") or {}).get("edition")
    number, date = (settings.get("number"), settings.get("date")) if isinstance(settings, dict) else (None, None)
    return check_edition(number, date, "_config.yml, rk35.edition")
