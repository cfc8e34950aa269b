"""Questions about a document as a whole — when it was signed, who signed it, who
issued it, what it rests on, when it takes effect, who executes it — answered from its
preamble, signature block and closing articles; and questions about its links —
which document replaces, amends, guides or repeals it, whether it is still in force —
answered from the links read at ingest (`ingest.links`), each quoted and cited."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ingest.links import INVERSE, Link
from ingest.model import Chunk, document_name
from ingest.patterns import DOC_NUMBER
from ingest.vocabulary import vocabulary

from ..query import Query, analyse
from ..references import documents_named, written_numbers_joined
from ..retrieve import Hit
from ..store import LinkStore, Snapshot
from ..text import fold
from .records import Citation, Draft, citation_of

# question cues, over folded text; the first that matches decides what is asked
ASKS = (
    ("status", re.compile(r"còn hiệu lực|hết hiệu lực chưa|còn áp dụng")),
    ("replaced", re.compile(r"thay thế")),
    ("amended", re.compile(r"sửa đổi|bổ sung")),
    # "Thông tư X hướng dẫn về nội dung gì" asks what X guides, not which text guides X
    ("subject", re.compile(r"hướng dẫn (?:về )?(?:nội dung|vấn đề|việc|những) gì")),
    ("guided", re.compile(r"hướng dẫn|quy định chi tiết")),
    ("repealed", re.compile(r"bãi bỏ")),
    ("effect", re.compile(r"hiệu lực")),
    ("signer", re.compile(r"\bai ký|người ký|ký bởi|do ai ký")),
    ("date", re.compile(r"(?:được )?(?:ký|ban hành|thông qua)(?: vào)? (?:ngày|khi) nào|ngày (?:ký|ban hành)")),
    ("issuer", re.compile(r"cơ quan nào ban hành|ai ban hành|do ai ban hành|cơ quan ban hành|do cơ quan nào")),
    ("subject", re.compile(r"(?:ban hành|quy định|phê duyệt) (?:về )?(?:nội dung|vấn đề|việc) gì|về (?:việc|vấn đề) gì|"
                           r"nội dung (?:chính )?(?:là )?gì")),
    ("basis", re.compile(r"căn cứ(?: vào)?(?: những| các)? (?:văn bản|nghị định|luật|quyết định|thông tư) nào|"
                         r"căn cứ pháp lý")),
    ("executes", re.compile(r"trách nhiệm thi hành|ai thi hành|thi hành .{0,20}gồm những ai|tổ chức thực hiện")),
)
RELATION_ASKED = {"replaced": "thay thế", "amended": "sửa đổi, bổ sung", "guided": "hướng dẫn", "repealed": "bãi bỏ"}
ENDS_FORCE = ("thay thế", "bãi bỏ", "hết hiệu lực")
# words that may stand between a document's mention and the cue ("Quyết định X được ban hành căn cứ …"):
# anything else means the question is about something the document regulates, not the document
LINKING_WORDS = {"này", "có", "sẽ", "bắt", "đầu", "được", "ban", "hành", "do", "bởi", "vào", "đã", "là", "thì",
                 "của", "từ", "nào", "văn", "bản", "hiện", "nay", "trên", "dựa"}
_TYPES = "|".join(re.escape(fold(t)) for t in vocabulary().type_names())
_DATE_LINE = re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}")
_SCOPE_HEADING = re.compile(r"^điều 1\b.*phạm vi")  # "Phạm vi điều chỉnh", "Phạm vi và đối tượng"
_SAYS_SCOPE = re.compile(r"\bnày (?:quy định|hướng dẫn)")


def _scope_article(chunks: Sequence[Chunk]) -> Chunk | None:
    """The document's own statement of what it governs: its first article, headed 'Phạm vi …'."""
    return next((c for c in chunks if _SCOPE_HEADING.search(fold(c.heading))), None)


def _scope_lines(scope: Chunk) -> list[str]:
    """The sentence of the scope article that says what "this document" governs (not whom it applies to)."""
    lines = [x for x in scope.text.split("\n") if x.strip()]
    return [x for x in lines if _SAYS_SCOPE.search(fold(x))][:1] or lines[:1]


def asked(question: str, mention: tuple[int, int] | None = None) -> str | None:
    """What a question asks of a document; with `mention` (the document's span in the
    folded question), only a cue next to it counts."""
    folded = fold(question)
    for name, cue in ASKS:
        for match in cue.finditer(folded):
            if mention is None:
                return name
            gap = folded[mention[1]:match.start()] if match.start() >= mention[1] else \
                folded[match.end():mention[0]] if match.end() <= mention[0] else ""
            if not re.search(r"[,;:?!]", gap) and set(gap.split()) <= LINKING_WORDS:
                return name
    return None


def mention_of(question: str, names: Sequence[str], number: str | None) -> tuple[int, int] | None:
    """Where the folded question names the document: its number (with the type before it) or its name."""
    folded = fold(question)
    if number:
        head = re.escape(fold(number).split("/")[0])
        found = re.search(rf"(?:(?:{_TYPES})\s+)?(?:số\s+)?{head}(?:/[^\s,;:?!]*)?", folded)
        if found:
            return found.span()
    for name in sorted(names, key=len, reverse=True):
        found = re.search(rf"(?<!\w){re.escape(name)}(?!\w)(?:\s+(?:năm\s+)?\d{{4}})?", folded)
        if found:
            return found.span()
    return None


def _of_the_earlier(query: Query) -> bool:
    """"Nó thay thế văn bản nào?" after a question on a document: a short follow-up naming no
    document asks about the one the earlier question named."""
    return query.history_used and query.doc is not None and len(analyse(query.question).terms) <= 3


class DocumentAnswerer:
    def __init__(self, snapshot: Callable[[], Snapshot], links: LinkStore) -> None:
        self.snapshot = snapshot
        self.links = links

    def answer(self, query: Query, hits: Sequence[Hit]) -> Draft | None:
        said = query.text if query.english else query.question  # an English question as the glossary reads it
        if query.article is not None or asked(said) is None:
            return None
        chunks = self._document(query)
        written = DOC_NUMBER.search(written_numbers_joined(said)) if query.doc is not None else None
        if not chunks and written is not None:
            # a document not indexed: what the indexed ones say of it (replaced, amended …) still answers
            outside = written.group(0)
            what = asked(said, mention_of(said, [], outside))
            name = document_name(query.doc.doc_type if query.doc else None, outside)
            return self._links(what, outside, name) if what in (*RELATION_ASKED, "status") else None
        if not chunks:
            return None
        number = chunks[0].doc_number
        names = [n for n, titles in self.snapshot().document_names.items() if chunks[0].title in titles]
        mention = mention_of(said, names, number if query.doc is not None else None)
        what = asked(said, mention) if mention else asked(said) if _of_the_earlier(query) else None
        if what is None:
            return None
        name = document_name(chunks[0].doc_type, number) or chunks[0].title
        if what in RELATION_ASKED or what == "status":
            return self._links(what, number, name) if number else None
        return self._header(what, chunks, name)

    def _document(self, query: Query) -> list[Chunk]:
        """The passages of the one document the question names (by number or by name)."""
        snapshot = self.snapshot()
        if query.doc is not None:
            found = snapshot.of_document(query.doc)
        else:
            titles = documents_named(query.question, snapshot.document_names)
            found = snapshot.with_titles(titles)
        return found if len({(c.doc_number, c.title) for c in found}) == 1 else []

    def _header(self, what: str, chunks: list[Chunk], name: str) -> Draft | None:
        preamble = next((c for c in chunks if c.heading == "Phần mở đầu"), None)
        signature = next((c for c in chunks if c.heading == "Nơi nhận và chữ ký"), None)
        lines: list[str] = []
        source: Chunk | None = None
        if what == "date" and preamble is not None:
            source, lines = preamble, [x for x in preamble.text.split("\n") if _DATE_LINE.search(x)][:1]
            lead = f"{name} được ban hành ngày {chunks[0].issued_date}" if chunks[0].issued_date else f"{name}"
        elif what == "signer" and signature is not None and chunks[0].signer:
            body = signature.text.split("\n")
            at = max(i for i, x in enumerate(body) if x == chunks[0].signer)
            source, lines = signature, body[max(0, at - 3):at + 1]
            lead = f"{name} do {chunks[0].signer} ký"
        elif what == "issuer" and preamble is not None and chunks[0].issuer:
            source, lines = preamble, [preamble.text.split("\n")[0]]
            lead = f"Cơ quan ban hành {name}: {chunks[0].issuer}"
        elif what == "subject" and (scope := _scope_article(chunks)) is not None:
            source, lines = scope, _scope_lines(scope)
            lead = f"Theo {scope.locator}"
        elif what == "subject" and preamble is not None and chunks[0].title:
            title = chunks[0].title.split(chunks[0].doc_number or "\0", 1)[-1].strip()  # the title after the number
            body = preamble.text.split("\n")
            found = [x for x in body if title and len(x) > 15 and fold(x) in fold(title)]
            source, lines = preamble, found or body[:1]
            lead = f"{name}: {title}" if title else name
        elif what == "basis" and preamble is not None:
            source = preamble
            lines = [x for x in preamble.text.split("\n") if fold(x).startswith(("căn cứ", "theo đề nghị"))]
            lead = f"{name} được ban hành căn cứ"
        elif what in ("effect", "executes"):
            cue = re.compile(r"hiệu lực" if what == "effect" else r"chịu trách nhiệm thi hành|trách nhiệm thi hành")
            for chunk in sorted(chunks, key=lambda c: -c.position):  # the closing articles
                found = [x for x in chunk.text.split("\n") if cue.search(fold(x))]
                if found and chunk.article and re.search(r"hiệu lực|thi hành|tổ chức thực hiện", fold(chunk.heading)):
                    source, lines = chunk, found[:1]
                    break
            lead = f"Theo {source.locator if source else name}"
        if source is None or not lines:
            if what == "signer":  # only a signature block says who signed, and this document has none here
                return Draft(f"Kho tài liệu không lưu phần chữ ký của {name}, nên không trả lời được ai ký văn "
                             "bản này.", False, (), "document")
            return None
        quote = "\n".join(lines)
        text = f"{lead}: “{' '.join(quote.split())}” [1]"
        return Draft(text, True, (citation_of(1, source, quote),), "document")

    def _links(self, what: str, number: str, name: str) -> Draft | None:
        outgoing, incoming = self.links.of(number)
        if what == "status":
            whole = [x for x in incoming if x.relation in ENDS_FORCE and not x.to_article]
            if whole:
                return self._list(f"{name} không còn hiệu lực: ", whole, incoming=True)
            changes = [x for x in incoming if x.relation in ENDS_FORCE or x.relation == "sửa đổi, bổ sung"]
            if not changes:
                return None  # the documents say nothing either way: the other answerers may
            return self._list(f"{name} còn hiệu lực, với những thay đổi sau: ", changes, incoming=True)
        relation = RELATION_ASKED[what]
        said_of_it = [x for x in incoming if x.relation == relation]
        if said_of_it:
            return self._list(f"{name} {INVERSE[relation]}: ", said_of_it, incoming=True)
        said_by_it = [x for x in outgoing if x.relation == relation]
        if said_by_it:
            return self._list(f"{name} {relation}: ", said_by_it, incoming=False)
        return None

    def _list(self, lead: str, links: list[Link], incoming: bool) -> Draft | None:
        snapshot = self.snapshot()
        citations: list[Citation] = []
        parts: list[str] = []
        for link in links[:5]:
            chunk = snapshot.chunk(link.chunk_id)
            if chunk is None:
                continue
            n = len(citations) + 1
            citations.append(citation_of(n, chunk, link.sentence))
            other = link.from_doc if incoming else link.to_doc
            where = f" (Điều {link.to_article})" if link.to_article else ""
            parts.append(f"{other}{where} — “{link.sentence}” [{n}]")
        if not citations:
            return None
        return Draft(lead + "; ".join(parts), True, tuple(citations), "document")

