"""The machine-readable downloads, read from the book: the claims register and every number (CSV and JSON), and the
schema.org ClaimReview records of each chapter page."""

from __future__ import annotations

from rk35.book import Book
from rk35.records import Number
from rk35.text import write_downloads
from rk35.verdicts import Verdict

#: Columns of the downloadable register (CSV and JSON), in order.
REGISTER_COLUMNS = ["claim_id", "article_section", "quote", "chapter", "verdict", "rating", "rule", "how", "stated",
                    "found", "reason", "reading", "source_ids", "as_of"]
#: Columns of the downloadable list of numbers.
NUMBER_COLUMNS = ["key", "chapter", "text", "method", "inputs", "sources"]
BOOK = "Russia–Korea at 35: an executable analytical book"
PUBLISHER = "Russian International Affairs Council"


def register_records(book: Book) -> list[dict]:
    """One record per claim: the claim, its verdict and rating, the rule, stated and found values, sources."""
    assessed = book.assessments
    return [{
        "claim_id": claim_id, "article_section": row["article_section"], "quote": row["quote"],
        "chapter": row["chapter"], "verdict": assessed[claim_id].verdict.value, "rating": assessed[claim_id].verdict.rating,
        "rule": assessed[claim_id].rule, "how": assessed[claim_id].how, "stated": assessed[claim_id].stated,
        "found": assessed[claim_id].found, "reason": assessed[claim_id].reason, "reading": assessed[claim_id].reading,
        "source_ids": list(assessed[claim_id].sources), "as_of": assessed[claim_id].as_of,
    } for claim_id, row in book.tables.claims.iterrows()]


def write_register(folder, book: Book) -> tuple:
    """Write the register as claims-register.csv and claims-register.json into folder; return the two paths."""
    records = register_records(book)
    flat = [{**r, "source_ids": ";".join(r["source_ids"]), "rating": "" if r["rating"] is None else r["rating"]}
            for r in records]
    return write_downloads(folder, "claims-register", flat, REGISTER_COLUMNS, {"book": BOOK, "claims": records})


def number_records(numbers: list[Number]) -> list[dict]:
    return [{"key": n.key, "chapter": n.chapter, "text": n.text, "method": n.method,
             "inputs": [{"what": i.what, "value": i.value, "sources": list(i.sources), "claim": i.claim} for i in n.inputs],
             "sources": sorted({s for i in n.inputs for s in i.sources})} for n in numbers]


def write_numbers(folder, book: Book) -> tuple:
    """Write numbers.csv and numbers.json into folder; return the two paths."""
    rows = number_records(book.numbers)
    flat = [{**r, "inputs": "; ".join(f"{i['what']}: {i['value']}" for i in r["inputs"]), "sources": ";".join(r["sources"])}
            for r in rows]
    return write_downloads(folder, "numbers", flat, NUMBER_COLUMNS, {"numbers": rows})


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
