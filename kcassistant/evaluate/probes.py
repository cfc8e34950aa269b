"""Citation probes written from the index itself: every held article asked for in the ways
people write a reference, each answer checked for citing that article.

The questions are generated, not collected, so they cover every document a user adds, not
only the ones the development sets were written on: "Điều 4 Thông tư liên tịch 13/2014/…
quy định gì?", "TT 13/2014 Điều 4 nói gì?", "What does Article 4 of Joint Circular … say?",
"Khoản 1 Điều 4 …", its last clause ("Khoản 3 Điều 4 …"), "Theo Điều 4 …, <its heading> được
quy định như thế nào?", "Điều 5 quy
định gì?" after a question on its Điều 4, and of a whole document "… có hiệu lực từ ngày
nào?" (its article on effect) and "… quy định về nội dung gì?" (its article on scope); and
the relations a document states in its own article, from either end ("Văn bản nào hiện thay
thế cho Thông tư 18/2008/TT-BCT?", "Thông tư 26/2014/TT-BCT thay thế văn bản nào?").
Run by scripts/probe_citations.py; checked in tests/test_probes.py.
"""
from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ingest.links import Link
from ingest.model import Chunk
from ingest.patterns import doc_type_of
from ingest.vocabulary import vocabulary

from ..answer.records import Citation

# name → (what it tests, template); {a} article, {t} type, {n} full number, {s} "13/2014",
# {c} the type's code ("TT"), {e} its English name, {h} the article's heading in lower case
ARTICLE_FORMS: dict[str, tuple[str, str]] = {
    "article": ("the article and the full number", "Điều {a} {t} {n} quy định gì?"),
    "article_of": ("'của … số'", "Điều {a} của {t} số {n} quy định về nội dung gì?"),
    "code_short": ("the type's code and a short number", "{c} {s} Điều {a} nói gì?"),
    "short": ("a short number", "Nội dung Điều {a} {t} {s} là gì?"),
    "english": ("an English reference", "What does Article {a} of {e} {n} say?"),
    "clause": ("the first clause", "Khoản 1 Điều {a} {t} {n} quy định gì?"),
    "last_clause": ("its last clause", "Khoản {k} Điều {a} {t} {n} quy định gì?"),
    "content": ("its subject, naming the article", "Theo Điều {a} {t} {n}, {h} được quy định như thế nào?"),
    "subject": ("its subject in the named document", "Theo {t} {n}, {h} được quy định như thế nào?"),
}
# a conversation: after "Điều {x} {t} {n} quy định gì?", the next article asked for without the document
FOLLOWUP_FORMS: dict[str, tuple[str, str]] = {
    "then_article": ("'Còn Điều N thì sao?' after another article", "Còn Điều {a} thì sao?"),
    "next_article": ("'Điều N quy định gì?' after another article", "Điều {a} quy định gì?"),
}
# a document with no number (a code or a law known by its name, the Constitution), named by its title
NAME_FORMS: dict[str, tuple[str, str]] = {
    "name_article": ("the article and the document's name", "Điều {a} {m} quy định gì?"),
    "name_clause": ("the first clause, by name", "Khoản 1 Điều {a} {m} quy định gì?"),
    "name_last_clause": ("its last clause, by name", "Khoản {k} Điều {a} {m} quy định gì?"),
    "name_content": ("its subject, naming article and document", "Theo Điều {a} {m}, {h} được quy định như thế nào?"),
    "name_subject": ("its subject in the document named", "Theo {m}, {h} được quy định như thế nào?"),
}
# a relation the library records between two documents (ingest/links.py), asked from either end:
# name → (what it tests, relation, template); {o} the other document ("Thông tư 18/2008/TT-BCT")
LINK_FORMS: dict[str, tuple[str, str, str]] = {
    "replaced_by": ("which text replaced a document", "thay thế", "Văn bản nào hiện thay thế cho {o}?"),
    "was_replaced": ("the same, asked from the replaced end", "thay thế", "{o} đã bị thay thế bởi văn bản nào?"),
    "replaces": ("what a document replaced", "thay thế", "{t} {n} thay thế văn bản nào?"),
    "effect_and_replaces": ("its effect and what it replaced, in one question", "thay thế",
                            "{t} {n} bắt đầu có hiệu lực khi nào, và nó thay thế những văn bản nào?"),
    "guided_by": ("which text guides a document", "hướng dẫn", "Văn bản nào hướng dẫn {o}?"),
}
DOCUMENT_FORMS: dict[str, tuple[str, str, str]] = {  # name → (what it tests, template, cue of the heading that answers)
    "effect": ("when the document takes effect", "{t} {n} có hiệu lực từ ngày nào?", "hiệu lực"),
    "scope": ("what the document governs", "{t} {n} quy định về nội dung gì?", "phạm vi"),
}

WHAT_EACH_TESTS = {form: spec[0] for form, spec in (*ARTICLE_FORMS.items(), *FOLLOWUP_FORMS.items(),
                                                    *NAME_FORMS.items(), *DOCUMENT_FORMS.items(),
                                                    *LINK_FORMS.items())}
WHAT_EACH_TESTS.update({f"name_{form}": f"{spec[0]}, by name" for form, spec in FOLLOWUP_FORMS.items()})


@dataclass(frozen=True)
class Probe:
    form: str
    question: str
    document: str  # its number, or its title when it has none
    article: str
    history: tuple[str, ...] = ()  # the questions asked before it in the conversation


@dataclass(frozen=True)
class ProbeResult:
    probe: Probe
    found: bool
    cited: str  # "45/2012/NĐ-CP Điều 7", "Bộ luật Dân sự Điều 7", or "" when nothing is cited

    @property
    def right(self) -> bool:
        return self.cited == f"{self.probe.document} Điều {self.probe.article}"


def articles_held(chunks: Iterable[Chunk]) -> tuple[dict[tuple[str, str], dict[str, str]], dict[str, dict[str, str]]]:
    """(type, number) → article number → heading, for the legal passages that carry both; and
    title → article number → heading, for those of documents without a number."""
    numbered: dict[tuple[str, str], dict[str, str]] = {}
    named: dict[str, dict[str, str]] = {}
    for chunk in chunks:
        if chunk.kind != "legal" or not chunk.article:
            continue
        if chunk.doc_number and chunk.doc_type:
            numbered.setdefault((chunk.doc_type, chunk.doc_number), {}).setdefault(chunk.article, chunk.heading)
        elif chunk.title and not chunk.doc_number:
            named.setdefault(chunk.title, {}).setdefault(chunk.article, chunk.heading)
    return numbered, named


def last_clauses(chunks: Iterable[Chunk]) -> dict[tuple[str, str], int]:
    """(document, article) → the number of its last clause, where it has more than one."""
    last: dict[tuple[str, str], int] = {}
    for chunk in chunks:
        document = chunk.doc_number or chunk.title
        if chunk.kind != "legal" or not chunk.article or not document:
            continue
        for number in re.findall(r"(?m)^(\d{1,2})\.\s", chunk.text):
            last[(document, chunk.article)] = max(last.get((document, chunk.article), 0), int(number))
    return {key: number for key, number in last.items() if number > 1}


def _askable(headings: dict[str, str], article: str) -> str | None:
    """The article's heading as a subject to ask by, unless it says too little ("Điều 5.", one
    or two words) or another article of the document has the same one."""
    subject = _subject(headings[article])
    same = sum(_subject(h) == subject for h in headings.values())
    return subject if len(subject.split()) >= 3 and same == 1 else None


def _subject(heading: str) -> str:
    """An article's heading as the subject of a question ("Điều 5. Mức hỗ trợ" → "mức hỗ trợ")."""
    subject = re.sub(r"^Điều \S+\.?\s*", "", heading).strip().rstrip(".")
    return subject[:1].lower() + subject[1:]


def citation_probes(chunks: Iterable[Chunk], per_document: int = 4, seed: int = 7) -> list[Probe]:
    """Questions naming `per_document` articles (drawn at random) of every document, by its
    number or, when it has none, by its title; with two follow-ups and, for numbered ones, the
    document's effect and scope."""
    types = {t.name: t for t in vocabulary().document_types}
    rng = random.Random(seed)
    probes: list[Probe] = []
    chunks = list(chunks)
    numbered, named = articles_held(chunks)
    last_clause = last_clauses(chunks)
    for (doc_type, number), headings in sorted(numbered.items()):
        kind = types.get(doc_type)
        # a one-letter code ("L") is part of numbers, not an abbreviation people write before one
        code = kind.codes[0] if kind and kind.codes and len(kind.codes[0]) > 1 else ""
        english = kind.english[0].title() if kind and kind.english else ""
        short = "/".join(number.split("/")[:2])
        for article in rng.sample(sorted(headings), min(per_document, len(headings))):
            subject = _askable(headings, article)
            values = {"a": article, "t": doc_type, "n": number, "s": short, "c": code, "e": english, "h": subject,
                      "k": last_clause.get((number, article))}
            for form, (_, template) in ARTICLE_FORMS.items():
                if ("{h}" in template and subject is None) or ("{k}" in template and values["k"] is None):
                    continue
                if ("{c}" in template and not code) or ("{e}" in template and not english):
                    continue  # a type people write with no code, or with no English name we read
                probes.append(Probe(form, template.format(**values), number, article))
        probes += _followups(rng, headings, number, ARTICLE_FORMS["article"][1], {"t": doc_type, "n": number})
        for form, (_, template, cue) in DOCUMENT_FORMS.items():
            answering = [a for a, heading in headings.items() if cue in heading.lower()]
            if len(answering) == 1:
                probes.append(Probe(form, template.format(t=doc_type, n=number), number, answering[0]))
    for name, headings in sorted(named.items()):
        for article in rng.sample(sorted(headings), min(per_document, len(headings))):
            subject = _askable(headings, article)
            clause = last_clause.get((name, article))
            for form, (_, template) in NAME_FORMS.items():
                if ("{h}" in template and subject is None) or ("{k}" in template and clause is None):
                    continue
                probes.append(Probe(form, template.format(a=article, m=name, h=subject, k=clause), name, article))
        probes += _followups(rng, headings, name, NAME_FORMS["name_article"][1], {"m": name}, prefix="name_")
    return probes


def link_probes(chunks: Iterable[Chunk], links: Iterable[Link]) -> list[Probe]:
    """Questions on the relations a document states in its own article ("… thay thế Thông tư số
    18/2008/TT-BCT"), from either end, where one article of one document answers them."""
    by_id = {chunk.id: chunk for chunk in chunks}
    stated: dict[tuple[str, str, str], set[tuple[str, str]]] = {}  # (relation, end, document) → articles
    for link in links:
        chunk = by_id.get(link.chunk_id)
        if chunk is None or chunk.kind != "legal" or not chunk.article or chunk.doc_number != link.from_doc:
            continue  # a relation only a note or another document reports
        for end, document in (("from", link.from_doc), ("to", link.to_doc)):
            stated.setdefault((link.relation, end, document), set()).add((link.from_doc, chunk.article))
    probes = []
    for form, (_, relation, template) in LINK_FORMS.items():
        end = "from" if "{n}" in template else "to"
        for (rel, at, document), answering in sorted(stated.items()):
            if rel != relation or at != end or len(answering) != 1:
                continue
            ((answer_doc, article),) = answering
            if end == "from":
                doc_type = doc_type_of(document)
                if doc_type is None:
                    continue
                question = template.format(t=doc_type, n=document)
            else:
                question = template.format(o=f"{doc_type_of(document) or 'văn bản'} {document}")
            probes.append(Probe(form, question, answer_doc, article))
    return probes


def _followups(rng: random.Random, headings: dict[str, str], document: str, opening: str,
               naming: dict[str, str], prefix: str = "") -> list[Probe]:
    """After `opening` (a template naming the document by `naming`) asks for one article, each
    follow-up form asks for another without the document."""
    if len(headings) < 2:
        return []
    before, after = rng.sample(sorted(headings), 2)
    history = (opening.format(a=before, **naming),)
    return [Probe(f"{prefix}{form}", template.format(a=after), document, after, history)
            for form, (_, template) in FOLLOWUP_FORMS.items()]


Ask = Callable[[str, tuple[str, ...]], tuple[bool, tuple[Citation, ...]]]


def run_probes(probes: Iterable[Probe], ask: Ask) -> list[ProbeResult]:
    """Each probe asked after its history; `ask` returns whether an answer was found and its citations."""
    results = []
    for probe in probes:
        found, citations = ask(probe.question, probe.history)
        first = citations[0] if citations else None
        cited = f"{first.doc_number or first.title} Điều {first.article}" if first and first.article else ""
        results.append(ProbeResult(probe, found, cited))
    return results
