"""Links between documents, read from their text as data: "căn cứ", "thay thế",
"sửa đổi, bổ sung", "hướng dẫn", "bãi bỏ", "hết hiệu lực" between document numbers.

A link goes from the document that says it (the chunk's own document, or a number
written before the verb in the same sentence: "Nghị định số X sửa đổi Nghị định số Y")
to the number written after the verb. Inside an amending article, "Sửa đổi, bổ sung
Điều 2 …" / "Bãi bỏ khoản 2 Điều 3" name the amended articles. News text links only
when a sentence names both documents."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Chunk, Section
from .patterns import DOC_NUMBER, canon_doc_number
from .sentences import split_sentences

RELATIONS = {  # how the text says it (lower case, no comma) → the relation's one name
    "căn cứ": "căn cứ", "thay thế": "thay thế", "sửa đổi bổ sung": "sửa đổi, bổ sung",
    "sửa đổi": "sửa đổi, bổ sung", "bổ sung": "sửa đổi, bổ sung", "hướng dẫn": "hướng dẫn",
    "quy định chi tiết": "hướng dẫn", "bãi bỏ": "bãi bỏ", "hết hiệu lực": "hết hiệu lực",
}
INVERSE = {"căn cứ": "là căn cứ của", "thay thế": "bị thay thế bởi", "sửa đổi, bổ sung": "được sửa đổi, bổ sung bởi",
           "hướng dẫn": "được hướng dẫn bởi", "bãi bỏ": "bị bãi bỏ bởi", "hết hiệu lực": "hết hiệu lực theo"}
_VERB = re.compile(r"(căn cứ|thay thế|sửa đổi,?\s*bổ sung|sửa đổi|bổ sung|hướng dẫn|quy định chi tiết|bãi bỏ)",
                   re.IGNORECASE)
_EXPIRES = re.compile(r"\bhết hiệu lực\b", re.IGNORECASE)
_ARTICLE_CHANGE = re.compile(r"^(?:\d+\.\s*)?(Sửa đổi,?\s*bổ sung|Sửa đổi|Bổ sung|Bãi bỏ)\s+"
                             r"(?:(?:điểm\s+[a-zđ]\s+)?khoản\s+\d+\s+)?[Đđ]iều\s+(\d+[a-zđ]?)", re.IGNORECASE)
_WINDOW = 160  # how far before a number its verb may stand
_SPEAKS_FOR_ITSELF = re.compile(r"\bnày\b")
_STARTS_WITH_VERB = re.compile(r"^(?:\d+\.\s*|[a-zđ]\)\s*)?"
                               r"(?:căn cứ|thay thế|sửa đổi|bổ sung|bãi bỏ|hướng dẫn|quy định chi tiết)\b",
                               re.IGNORECASE)
_NEAR = 70  # … and how far its object may be from the verb ("thay thế Quyết định số …")
_SELF_GUIDES = re.compile(r"^(?:\d+\.\s*)?(?:\S+\s+){0,3}này\s+(?:hướng dẫn|quy định chi tiết)"
                          r"|^(?:Hướng dẫn|Quy định chi tiết)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    source: str
    chunk_id: str
    from_doc: str
    relation: str  # one of INVERSE's keys
    to_doc: str
    sentence: str  # the sentence that says it, verbatim
    to_article: str | None = None  # "2" when an article of `to_doc` is amended or repealed


def _relation(words: str) -> str:
    return RELATIONS[" ".join(words.lower().replace(",", " ").split())]


_ORIGIN_CHANGE = re.compile(r"(được sửa đổi|được bổ sung|bị bãi bỏ|được thay thế|bị thay thế)[^()]*?\bbởi\s+"
                            r"(?:Điều\s+\d+\w?\s+)?(?:của\s+)?(?:[^\d()]{0,40}?)(\d{1,5}/\d{4}/[A-ZĐ][\w-]*)")


def origin_links(sections: Sequence[Section], chunks: list[Chunk]) -> list[Link]:
    """Pháp điển origin lines: "(Điều 3 Thông tư số 89/2014/TT-BTC, … có nội dung được sửa đổi
    bởi Điều 1 Thông tư số 82/2019/TT-BTC …)": the later document amends this article."""
    links = []
    for section in sections:
        if not (section.origin and section.doc_number and section.article):
            continue
        home = next((c for c in chunks if c.doc_number == section.doc_number and c.article == section.article), None)
        for match in _ORIGIN_CHANGE.finditer(section.origin) if home else ():
            verb = match.group(1)
            relation = "bãi bỏ" if "bãi bỏ" in verb else "thay thế" if "thay thế" in verb else "sửa đổi, bổ sung"
            links.append(Link(home.source, home.id, match.group(2), relation, section.doc_number,  # type: ignore[union-attr]
                              section.origin, section.article))
    return links


def extract_links(chunks: list[Chunk], sections: Sequence[Section] = ()) -> list[Link]:
    links: dict[tuple[str, str, str, str | None], Link] = {}
    for link in origin_links(sections, chunks):
        links.setdefault((link.from_doc, link.relation, canon_doc_number(link.to_doc), link.to_article), link)
    for chunk in chunks:
        own = chunk.doc_number if chunk.kind == "legal" else None
        amended = _amended_in_heading(chunk)
        for paragraph in chunk.text.split("\n"):
            for sentence in split_sentences(paragraph):
                for link in _sentence_links(sentence, chunk, own):
                    links.setdefault((link.from_doc, link.relation, canon_doc_number(link.to_doc), None), link)
                change = _ARTICLE_CHANGE.match(sentence) if amended and own else None
                if change and own and amended:
                    relation = "bãi bỏ" if change.group(1).lower().startswith("bãi") else "sửa đổi, bổ sung"
                    link = Link(chunk.source, chunk.id, own, relation, amended, sentence, change.group(2))
                    links.setdefault((own, relation, canon_doc_number(amended), change.group(2)), link)
    return list(links.values())


def _amended_in_heading(chunk: Chunk) -> str | None:
    """The document an amending article amends, named in its heading."""
    if not re.search(r"sửa đổi|bổ sung|bãi bỏ", chunk.heading, re.IGNORECASE):
        return None
    found = DOC_NUMBER.search(chunk.heading)
    return found.group(0) if found else None


def _sentence_links(sentence: str, chunk: Chunk, own: str | None) -> list[Link]:
    numbers = list(DOC_NUMBER.finditer(sentence))
    links = []
    for i, target in enumerate(numbers):
        before = sentence[max(numbers[i - 1].end() if i else 0, target.start() - _WINDOW):target.start()]
        verbs = list(_VERB.finditer(before))
        expiry = _EXPIRES.search(sentence[target.end():target.end() + 80])
        if not verbs and not expiry:
            continue
        relation = _relation(verbs[-1].group(1)) if verbs else "hết hiệu lực"
        if verbs:
            lead_in = before[:verbs[-1].start()]
            guides_itself = relation == "hướng dẫn" and bool(_SELF_GUIDES.match(sentence))
            if relation == "hướng dẫn" and not (guides_itself or chunk.heading == "Phần mở đầu"):
                continue  # "thực hiện theo hướng dẫn tại Thông tư …" is a reference, not this document guiding
            if re.search(r"(?:được|bị)\s*$", lead_in) or (len(before) - verbs[-1].end() > _NEAR and not guides_itself):
                continue  # passive ("đã được sửa đổi"): someone else's act; or the verb is about something else
        if verbs and relation == "căn cứ" and not re.match(r"\s*căn cứ", sentence, re.IGNORECASE) and \
                not re.search(r"căn cứ\s+(?:vào\s+)?$", before[: verbs[-1].end()], re.IGNORECASE):
            continue
        verb_at = target.start() - len(before) + verbs[-1].start() if verbs else target.start()
        earlier = [n for n in numbers[:i] if n.end() <= verb_at]
        gap = sentence[earlier[-1].end():verb_at] if earlier else None
        if gap is not None and len(gap) <= 60 and not re.search(r"[();]", gap):
            subject: str | None = earlier[-1].group(0)  # "Nghị định số X sửa đổi …": X acts
        elif own and (chunk.heading == "Phần mở đầu" or _SPEAKS_FOR_ITSELF.search(sentence[:verb_at + 1])
                      or _STARTS_WITH_VERB.match(sentence)):
            subject = own  # "Thông tư này … thay thế …", an amending item "Sửa đổi …", the preamble
        else:
            continue  # someone else's act, a proposal, a reference
        if subject is None or canon_doc_number(subject) == canon_doc_number(target.group(0)):
            continue
        links.append(Link(chunk.source, chunk.id, subject, relation, target.group(0), sentence))
    return links
