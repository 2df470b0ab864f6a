"""The machine-readable downloads, read from the book: the claims register and every number (CSV and JSON), and the
schema.org ClaimReview records of each chapter page. Every download carries the edition (its number and date); the
register carries each claim's verdict in every kept edition. `make edition` keeps these very files as data."""

from __future__ import annotations

from rk35.book import Book
from rk35.editions import verdict_history
from rk35.records import Number
from rk35.text import write_downloads
from rk35.verdicts import Verdict

#: Columns of the downloadable register (CSV and JSON), in order.
REGISTER_COLUMNS = ["claim_id", "label", "article_section", "quote", "chapter", "verdict", "rating", "rule", "how",
                    "stated", "found", "reason", "reading", "source_ids", "as_of", "counter_source_id", "counter_says",
                    "second_reading_searches", "second_read_on", "corrections", "verdict_history", "edition",
                    "edition_date"]
#: Columns of the downloadable list of numbers.
NUMBER_COLUMNS = ["key", "chapter", "text", "method", "inputs", "sources", "edition", "edition_date"]
BOOK = "Russia–Korea at 35: an executable analytical book"
PUBLISHER = "Russian International Affairs Council"


def edition(book: Book) -> dict:
    """The edition every download carries: its number and date (ISO)."""
    return {"number": book.edition.number, "date": book.edition.date}


def register_records(book: Book) -> list[dict]:
    """One record per claim: the claim, its verdict and rating, the rule, stated and found values, sources, the second
    reading (judged verdicts), every correction, and its verdict in every kept edition and this one."""
    records = []
    for claim_id, row in book.tables.claims.iterrows():
        a = book.assessments[claim_id]
        second = a.second_reading
        records.append({
            "claim_id": claim_id, "label": row["label"], "article_section": row["article_section"], "quote": row["quote"],
            "chapter": row["chapter"], "verdict": a.verdict.value, "rating": a.verdict.rating, "rule": a.rule,
            "how": a.how, "stated": a.stated, "found": a.found, "reason": a.reason, "reading": a.reading,
            "source_ids": list(a.sources), "as_of": a.as_of,
            "second_reading": None if second is None else {
                "read_on": second.read_on, "counter_source_id": second.source or None,
                "counter_says": second.says or None, "searches": second.searches, "outcome": second.outcome},
            "corrections": [{"number": c.number, "date": c.date, "changed": c.changed, "was": c.was, "now": c.now,
                             "why": c.why, "source_ids": list(c.sources)} for c in a.corrections],
            "verdict_history": verdict_history(book.kept, book.edition, claim_id, a.verdict.value),
        })
    return records


def register_payload(book: Book) -> dict:
    """The register as its JSON download gives it (and as `make edition` keeps it)."""
    return {"book": BOOK, "edition": edition(book), "claims": register_records(book)}


def numbers_payload(book: Book) -> dict:
    """Every number as its JSON download gives it (and as `make edition` keeps it)."""
    return {"book": BOOK, "edition": edition(book), "numbers": number_records(book.numbers)}


def _flat(record: dict, at: dict) -> dict:
    """A register record as one CSV row (`at`: the edition)."""
    second = record["second_reading"] or {}
    flat = {k: v for k, v in record.items() if k not in ("second_reading", "corrections", "verdict_history")}
    return {**flat, "source_ids": ";".join(record["source_ids"]), "rating": "" if record["rating"] is None else record["rating"],
            "counter_source_id": second.get("counter_source_id") or "", "counter_says": second.get("counter_says") or "",
            "second_reading_searches": second.get("searches", ""), "second_read_on": second.get("read_on", ""),
            "corrections": " | ".join(f"{c['date']}: {c['changed']} “{c['was']}” → “{c['now']}”"
                                      for c in record["corrections"]),
            "verdict_history": " | ".join(f"edition {h['edition']} ({h['date']}): {h['verdict']}"
                                          for h in record["verdict_history"]),
            "edition": at["number"], "edition_date": at["date"]}


def write_register(folder, book: Book) -> tuple:
    """Write the register as claims-register.csv and claims-register.json into folder; return the two paths."""
    payload = register_payload(book)
    return write_downloads(folder, "claims-register", [_flat(r, payload["edition"]) for r in payload["claims"]],
                           REGISTER_COLUMNS, payload)


def number_records(numbers: list[Number]) -> list[dict]:
    return [{"key": n.key, "chapter": n.chapter, "text": n.text, "method": n.method,
             "inputs": [{"what": i.what, "value": i.value, "sources": list(i.sources), "claim": i.claim} for i in n.inputs],
             "sources": sorted({s for i in n.inputs for s in i.sources})} for n in numbers]


def write_numbers(folder, book: Book) -> tuple:
    """Write numbers.csv and numbers.json into folder; return the two paths."""
    payload = numbers_payload(book)
    at = payload["edition"]
    flat = [{**r, "inputs": "; ".join(f"{i['what']}: {i['value']}" for i in r["inputs"]), "sources": ";".join(r["sources"]),
             "edition": at["number"], "edition_date": at["date"]} for r in payload["numbers"]]
    return write_downloads(folder, "numbers", flat, NUMBER_COLUMNS, payload)


def claim_reviews(book: Book, chapter: str) -> list[dict]:
    """schema.org ClaimReview records for the checked claims (opinions excluded) of a chapter page."""
    claims, record = book.tables.claims, book.tables.article_record
    author = {"@type": "Person", "name": record.loc["author", "value"],
              "affiliation": {"@type": "Organization", "name": PUBLISHER}}
    reviews = []
    for claim_id, a in book.chapter(chapter).assessments.items():
        if a.verdict is Verdict.CONTEXT_ONLY:
            continue
        rating = {"@type": "Rating", "alternateName": a.verdict.value}
        if a.verdict.rating is not None:
            rating.update(ratingValue=a.verdict.rating, bestRating=4, worstRating=1)
        reviews.append({
            "@context": "https://schema.org", "@type": "ClaimReview",
            "url": f"{chapter}.html#{claims.loc[claim_id, 'anchor']}", "claimReviewed": claims.loc[claim_id, "quote"],
            "author": {"@type": "Organization", "name": BOOK},
            "reviewRating": rating,
            "itemReviewed": {"@type": "Claim", "author": author, "datePublished": "2025",
                             "appearance": {"@type": "CreativeWork", "author": author, "datePublished": "2025",
                                            "publisher": {"@type": "Organization", "name": PUBLISHER}}},
        })
    return reviews
