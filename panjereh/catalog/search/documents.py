"""What is indexed for a service: its normalised index terms per weighted field.

The title and keywords are indexed as written, and once more under their lemmas (`lemmas`: only the
terms whose lemma differs), so «سند» finds «اسناد» while an exact match still ranks first.
"""

from __future__ import annotations

from dataclasses import dataclass

from panjereh.persian import index_terms, lemma_terms, tokens

# Field weights, highest first: a match in the title outranks one in the keywords, and so on.
FIELDS = ("title", "keywords", "lemmas", "agency", "summary")
WEIGHTS = {"title": 10.0, "keywords": 6.0, "lemmas": 4.0, "agency": 3.0, "summary": 1.0}


@dataclass(frozen=True)
class Document:
    service_id: int
    title: list[str]
    keywords: list[str]
    lemmas: list[str]  # title and keyword terms under their lemma, where it differs from the term
    agency: list[str]
    summary: list[str]
    title_words: str  # the normalised title, words only: for re-ranking and trigram similarity

    def field_text(self, name: str) -> str:
        terms: list[str] = getattr(self, name)
        return " ".join(terms)

    def all_terms(self) -> list[str]:
        return [term for name in FIELDS for term in getattr(self, name)]

    def correctable_terms(self) -> list[str]:
        # Summaries are long prose: correcting towards their rare words adds noise, not recall; a
        # lemma is not always a word people write, so nothing is corrected towards one either.
        return self.title + self.keywords + self.agency


def build_document(service_id: int, title: str, keywords: list[str], agency_name: str, summary: str) -> Document:
    keyword_terms = list(dict.fromkeys(term for keyword in keywords for term in index_terms(str(keyword))))
    title_terms = index_terms(title)
    surface = set(title_terms) | set(keyword_terms)
    lemmas = [lemma_terms(title)] + [lemma_terms(str(keyword)) for keyword in keywords]
    return Document(
        service_id=service_id,
        title=title_terms,
        keywords=keyword_terms,
        lemmas=[term for term in dict.fromkeys(t for terms in lemmas for t in terms) if term not in surface],
        agency=index_terms(agency_name),
        summary=index_terms(summary),
        title_words=" ".join(tokens(title)),
    )
