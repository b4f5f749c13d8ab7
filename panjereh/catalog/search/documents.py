"""What is indexed for a service: its normalised index terms per weighted field."""

from __future__ import annotations

from dataclasses import dataclass

from panjereh.persian import index_terms, tokens

# Field weights, highest first: a match in the title outranks one in the keywords, and so on.
FIELDS = ("title", "keywords", "agency", "summary")
WEIGHTS = {"title": 10.0, "keywords": 6.0, "agency": 3.0, "summary": 1.0}


@dataclass(frozen=True)
class Document:
    service_id: int
    title: list[str]
    keywords: list[str]
    agency: list[str]
    summary: list[str]
    title_words: str  # the normalised title, words only: for re-ranking and trigram similarity

    def field_text(self, name: str) -> str:
        terms: list[str] = getattr(self, name)
        return " ".join(terms)

    def all_terms(self) -> list[str]:
        return [term for name in FIELDS for term in getattr(self, name)]

    def correctable_terms(self) -> list[str]:
        # Summaries are long prose: correcting towards their rare words adds noise, not recall.
        return self.title + self.keywords + self.agency


def build_document(service_id: int, title: str, keywords: list[str], agency_name: str, summary: str) -> Document:
    keyword_terms: list[str] = []
    for keyword in keywords:
        keyword_terms.extend(term for term in index_terms(str(keyword)) if term not in keyword_terms)
    return Document(
        service_id=service_id,
        title=index_terms(title),
        keywords=keyword_terms,
        agency=index_terms(agency_name),
        summary=index_terms(summary),
        title_words=" ".join(tokens(title)),
    )
