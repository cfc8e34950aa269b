"""Questions → what they ask: normalised text, glossary expansion, English terms in Vietnamese,
references to articles and documents, and the slots of a figure (year, period, programme,
measure, scope). Follow-ups borrow what they leave out from the conversation's earlier questions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.patterns import DOC_NUMBER
from ingest.vocabulary import Vocabulary, alias_pattern, alternation, vocabulary

from . import slots
from .english import is_english, term_of, translate_english, unknown_english
from .references import (
    ArticleRef,
    DocRef,
    article_ref,
    doc_ref,
    names_a_type,
    naming_phrases,
    part_ref,
    type_named,
    without_numbers,
)
from .text import fold, nfc, tokenize

_VOCABULARY = vocabulary()
_TOTAL_ASKED = re.compile(alternation(_VOCABULARY.total_followup_words))  # "Còn tổng kinh phí thì sao?"
_CODES = alternation([fold(c) for t in _VOCABULARY.document_types if t.in_questions for c in t.codes]
                     + [fold(c) for c in _VOCABULARY.issuer_codes])
# "What was the 2022 KCQG budget plan for …?" and "What budget was approved …?" ask an amount as
# "bao nhiêu" does; "What is the source of the budget?" does not (the amount word must head the phrase
# after "the", before any "of", and not name a source)
_NUMERIC = re.compile(r"bao nhiêu|mấy|how much|how many|là bao|tổng số|số lượng|what (?:(?:was|is|were|are) the "
                      r"(?:(?!of\b)[\w()\-]+ ){0,5}?)?(?:total|amount|budget|funding|spending|expenditure|allocation)s?"
                      r"\b(?! sources?\b)")
# "What was the 2022 KCQG plan …?": a programme's plan is an amount ("the plan for developing …" is not)
_PLAN_OF = re.compile(r"\bwhat (?:was|is|were|are) the (?:(?!of\b)[\w()\-]+ ){0,5}?plan(?:ned)?\b"
                      r"(?! to\b| for \w+ing\b)")
_FOLLOWUP = re.compile(r"^(?:còn|thế còn|vậy còn|vậy|và|how about|and)\b|\bthì sao\b|what about", re.IGNORECASE)
# "Kế hoạch đó", "trong đó", "văn bản nói trên": words that point back to what was asked before.
_POINTS_BACK = re.compile(r"\b(?:đó|ấy|nói trên|kể trên|trên đây|vừa nêu)\b")
_QUESTION_WORDS = re.compile(r"\b(?:là gì|là bao nhiêu|bao nhiêu|mấy|thế nào|như thế nào|ra sao|gồm những|"
                             r"những ai|những gì|nào|gì|ai|đâu|khi nào|thì sao|được hiểu|hiểu|"
                             r"trong bối cảnh|bối cảnh|được nhắc đến|nhắc đến|được đề cập|đề cập|"
                             r"quy định gì|cho biết)\b", re.IGNORECASE)
_REFERENCE_WORDS = re.compile(
    r"[\d/.,:;?()\-]|đ(?=[\s-])|\b(?:điều|khoản|điểm|" + alternation(
        [fold(t) for t in _VOCABULARY.type_names(questions_only=True)]) + "|"
    r"số|năm|của|quy định|nội dung|về|nói|có|những|là|gì|what|does|say|says|of|the|article|clause|decree|circular|"
    + _CODES + r"|[a-zđ]{1,3}(?=\s|$))\b")
_DEFINITION = re.compile(r"^(?:thế nào là|khái niệm|định nghĩa)\s+(.+?)\??$|^(.+?)\s+(?:được hiểu|là gì|nghĩa là gì|"
                         r"có nghĩa là gì|được định nghĩa)", re.IGNORECASE)
# "Thông tư X quy định (về nội dung) gì?" asks what a document governs only when nothing follows:
# "Nghị định X quy định gì về bảo hiểm xã hội?" asks about a subject, which the scope article may not touch
_SCOPE_OF_DOC = re.compile(r"(?:(?:quy định|hướng dẫn|điều chỉnh) (?:về )?(?:những )?(?:(?:nội dung|vấn đề) )?"
                           r"(?:gì|những gì)|"
                           r"(?:quy định|hướng dẫn|ban hành)? ?về (?:nội dung|vấn đề|chính sách|việc|lĩnh vực) gì)"
                           r"(?:\s+(?:vậy|thế|nhỉ|ạ))?\s*[?.!]*\s*$|"
                           r"phạm vi điều chỉnh|what does .* (?:regulate|cover|govern)\b(?:\s+\w+)?\s*[?.!]*\s*$",
                           re.IGNORECASE)
ASKS = {
    "when": re.compile(r"khi nào|bao giờ|thời hạn|hạn cuối|hạn chót|ngày nào|thời gian nào|\bwhen\b|deadline", re.I),
    "where": re.compile(r"ở đâu|tại đâu|nơi nào|địa điểm|tỉnh nào|\bwhere\b|which province", re.I),
    "who": re.compile(r"\bai\b|người nào|cơ quan nào|\bwho\b|which (?:body|agency)", re.I),
}


@dataclass(frozen=True)
class Query:
    question: str
    text: str  # the question resolved against history, English terms translated
    expanded: str  # text plus glossary forms, for retrieval
    terms: tuple[str, ...]  # content tokens of `text`
    years: tuple[int, ...] = ()
    period: str | None = None
    programme: str | None = None
    measure: str | None = None
    scope: str | None = None
    numeric: bool = False
    article: ArticleRef | None = None
    doc: DocRef | None = None
    english: bool = False
    definition_of: str | None = None  # "sản xuất sạch hơn trong công nghiệp" in "… được hiểu như thế nào?"
    asks_scope_of_doc: bool = False  # "Thông tư X quy định về nội dung gì?"
    asks: tuple[str, ...] = ()  # "when" / "where" / "who"
    counted: str | None = None  # "thành" of "bao nhiêu thành viên": what a number must count
    reference_only: bool = False  # "Điều 12 Nghị định 45/2012 quy định gì?": the article itself is asked
    history_used: bool = False
    earlier: str = ""  # the earlier question this one leans on, where a document it names by name is read
    doc_absent: bool = False  # names a full document number the library does not hold
    doc_family: tuple[str, ...] = ()  # the held documents `doc` names, and those guiding or amending them
    level: str | None = None  # "tỉnh" in "Hội đồng bình chọn cấp tỉnh": the one tier the question is about
    law_absent: str | None = None  # "luật du lịch": names by name a law the library does not hold
    unknown_words: tuple[str, ...] = ()  # English content words neither the glossary nor a number accounts for
    unknown_share: float = 0.0  # their share of the question's content words

    @property
    def mostly_unknown(self) -> bool:
        """More than half of what an English question asks is in words we cannot read: not answered."""
        return self.unknown_share > MOSTLY_UNKNOWN


MOSTLY_UNKNOWN = 0.5
_HOW_MANY = re.compile(r"\bhow many ([\w\-]+)")
# "What is cleaner production?", "What does industrial extension mean?": a term, not "the …" of something
_EN_DEFINITION = re.compile(r"^(?:what (?:is|are) (?:an? )?|what does |define )(?!the\b)((?:(?!\bof\b)[\w\- ])+?)"
                            r"(?: mean)?\s*\??$", re.IGNORECASE)
_COUNTED = re.compile(r"(?:bao nhiêu|mấy)\s+([^\W\d_]+)")
_NOT_COUNTED = frozenset({"tỷ", "triệu", "nghìn", "phần", "tiền", "kinh", "ngân", "vốn", "lâu", "giờ", "là",
                          "tổng", "mức", "trở"})  # "từ bao nhiêu trở lên": a threshold, nothing counted


def counted_noun(low: str) -> str | None:
    """The first word of what "bao nhiêu"/"mấy" counts, when it is a thing counted (not money, a share
    or a duration asked as "bao lâu")."""
    match = _COUNTED.search(low)
    word = match.group(1) if match else None
    return word if word and word not in _NOT_COUNTED and word not in _VOCABULARY.index_stopwords else None


def expand(text: str, knowledge: Vocabulary) -> str:
    """Add the Vietnamese forms of every glossary group the text mentions."""
    low = fold(text)
    extra: list[str] = []
    for group in knowledge.groups:
        if any(alias_pattern(a).search(low) for a in group.aliases):
            extra.extend(v for v in group.vietnamese if fold(v) not in low)
    return text if not extra else f"{text} {' '.join(extra)}"


def analyse(question: str, history: tuple[str, ...] | list[str] = (), knowledge: Vocabulary | None = None) -> Query:
    knowledge = knowledge or _VOCABULARY
    question = " ".join(nfc(question).split())
    english = is_english(question)
    text = translate_english(question, knowledge) if english else question
    query = _analyse_text(question, text, knowledge, english)
    if english:
        unknown, share = unknown_english(question, knowledge)
        query = replace(query, unknown_words=unknown, unknown_share=share)
        counted = _HOW_MANY.search(fold(question))
        if counted and counted.group(1) in unknown:  # "How many employees …": a count of what we cannot read
            query = replace(query, counted=counted.group(1))  # no Vietnamese text states it
        elif counted and (term := term_of(counted.group(1), knowledge)):  # "How many members" counts "thành viên"
            query = replace(query, counted=counted_noun(f"bao nhiêu {term}"))
        defined = _EN_DEFINITION.match(question)
        if defined and len(defined.group(1).split()) <= 5:
            query = replace(query, definition_of=translate_english(defined.group(1), knowledge))
    self_contained = query.article is not None or query.doc is not None
    low = fold(question)
    elliptical = len(query.terms) <= 3 or bool(_POINTS_BACK.search(low))
    # "Thực hiện được mấy phần trăm so với kế hoạch?" after a figure of a year: a figure asked of nothing named
    unnamed_figure = query.numeric and not (query.years or query.scope or query.programme)
    previous = _previous(history, knowledge) if history and unnamed_figure and not self_contained else None
    if history and (_FOLLOWUP.search(low) or (elliptical and not self_contained)
                    or (previous is not None and previous.numeric and bool(previous.years))):
        previous = previous or _previous(history, knowledge)
        if previous is not None:
            query = _merge(query, previous, knowledge)
    elif history and query.article is not None and query.doc is None and not names_a_type(low):
        previous = _previous(history, knowledge)  # "Điều 5 quy định gì?" after "Điều 4 Nghị định X …"
        if previous is not None:
            query = replace(query, doc=previous.doc, history_used=True, earlier=_said_before(previous))
    return query


def without_naming_terms(query: Query, names: dict[str, frozenset[str]]) -> Query:
    """The query whose terms no longer hold the words naming a document the library has
    ("Theo Bộ luật Dân sự 2015, …"): what an answer must cover is the rest; the citation
    names the document. Retrieval has used the full terms already."""
    doc = query.doc if query.doc is not None and not query.doc_absent else None
    by_name = naming_phrases(query.text, names, None)
    by_number = naming_phrases(query.text, {}, doc)
    if not by_name and not by_number:
        return query
    unnamed = fold(query.text)
    for phrase in by_name:
        unnamed = unnamed.replace(phrase, " ")
    left = set(re.findall(r"\w+", unnamed))  # "Theo Luật Cư trú, quyền … về cư trú": "cư trú" is asked too
    named = {t for phrase in by_name for t in tokenize(phrase)}
    numbered = {t for phrase in by_number for t in tokenize(phrase)}

    def names_only(term: str) -> bool:
        parts = set(term.split("_"))
        of_name = (term in named or parts <= {p for t in named for p in t.split("_")}) and not parts <= left
        return of_name or term in numbered or parts <= {p for t in numbered for p in t.split("_")}

    kept = tuple(t for t in query.terms if not names_only(t))
    for phrase in by_number:
        unnamed = unnamed.replace(phrase, " ")
    # "Điều 18 Luật Trồng trọt quy định gì?" names only an article, once the law's name is read as a name
    reference_only = query.reference_only or (query.article is not None and _only_references(unnamed))
    return replace(query, terms=kept or query.terms, reference_only=reference_only)


def _only_references(folded: str) -> bool:
    """Nothing is asked but what the references name ("Điều 12 Nghị định 45/2012 quy định gì?")."""
    return not _REFERENCE_WORDS.sub(" ", _QUESTION_WORDS.sub(" ", folded)).strip()


def _said_before(previous: Query) -> str:
    """The earlier questions' own words, where a document named by name is found again."""
    return " ".join(x for x in (previous.question, previous.earlier) if x)


def _previous(history, knowledge: Vocabulary) -> Query | None:
    merged = None
    for past in history:
        past = " ".join(nfc(past).split())
        if not past:
            continue
        english = is_english(past)
        current = _analyse_text(past, translate_english(past, knowledge) if english else past, knowledge, english)
        merged = current if merged is None else (
            _merge(current, merged, knowledge) if _FOLLOWUP.search(fold(past)) else current)
    return merged


def _analyse_text(question: str, text: str, knowledge: Vocabulary, english: bool) -> Query:
    low = fold(text)
    article = article_ref(text)
    doc = doc_ref(text)
    if doc is None and article is not None:
        doc_type = type_named(text)
        doc = DocRef(doc_type, None) if doc_type else None
    programme_set = slots.programmes(text)
    plan_asked = english and bool(programme_set) and bool(_PLAN_OF.search(fold(question)))
    definition = _DEFINITION.search(text.strip())
    definition_of = next((g for g in definition.groups() if g), None) if definition else None
    return Query(
        question=question, text=text, expanded=expand(text, knowledge),
        terms=tuple(tokenize(_QUESTION_WORDS.sub(" ", text))),
        years=tuple(dict.fromkeys([*slots.years_in(text), *sorted(slots.years_mentioned(text))])),
        period=slots.period_of(text),
        programme=programme_set.pop() if len(programme_set) == 1 else None,
        measure=slots.measure_of(text), scope=slots.scope_of(text, knowledge), level=slots.level_of(text),
        numeric=bool(_NUMERIC.search(low) or _NUMERIC.search(fold(question)) or plan_asked),
        article=article, doc=doc, english=english,
        definition_of=definition_of,  # English is read before its translation
        asks_scope_of_doc=bool(doc and not article and any(_SCOPE_OF_DOC.search(t) for t in (low, fold(question)))),
        asks=tuple(name for name, pattern in ASKS.items() if pattern.search(low)),
        counted=None if english else counted_noun(low),  # a glossary translation is no phrase to match
        reference_only=article is not None and _only_references(fold(without_numbers(text))),
    )


def _strip_slot_words(text: str, query: Query, total: bool = False) -> str:
    """Remove from an earlier question the words the follow-up replaces (`total`: its programme)."""
    low = fold(text)
    if query.programme or total:
        low = re.sub(alternation(_VOCABULARY.programme_followup_words), " khuyến công ", low)
    if query.years:
        low = re.sub(r"(?:năm\s+)?(?:19|20)\d\d", " ", low)
    if query.period:
        low = re.sub(alternation(_VOCABULARY.period_followup_words), " ", low)
    if query.measure:
        low = re.sub(alternation(_VOCABULARY.measure_followup_words), " ", low)
    if query.scope:
        for pattern in (p for ps in _VOCABULARY.region_patterns.values() for p in ps):
            low = low.replace(pattern, " ")
    if query.level:
        low = slots.without_levels(low)
    return " ".join(low.split())


def _numbers_as_written(folded: str, original: str) -> str:
    """The folded text with the document numbers of `original` as written: "45/2012/nđ-cp" is no
    document number to the tokenizer, which would split it into words the index has never seen."""
    for number in dict.fromkeys(m.group(0) for m in DOC_NUMBER.finditer(original)):
        folded = folded.replace(fold(number), number)
    return folded


def _merge(current: Query, previous: Query, knowledge: Vocabulary) -> Query:
    total = current.programme is None and bool(_TOTAL_ASKED.search(fold(current.text)))
    base = _strip_slot_words(previous.text, current, total)
    follow = re.sub(r"^(?:còn|thế còn|vậy còn|vậy|và)\s+|\s*thì sao\??$", "", fold(current.text)).strip(" ?")
    text = _numbers_as_written(f"{follow} {base}".strip(), f"{current.text} {previous.text}")
    merged = _analyse_text(current.question, text, knowledge, current.english)
    return replace(
        merged,
        years=current.years or previous.years,
        period=current.period or previous.period,
        programme=None if total else current.programme or previous.programme,
        measure=current.measure or previous.measure,
        scope=current.scope or previous.scope,
        level=current.level or previous.level,
        numeric=current.numeric or previous.numeric,
        counted=current.counted if current.numeric else merged.counted,  # its own "bao nhiêu" asks its own thing
        article=current.article or (previous.article and not current.doc and (
            part_ref(current.question, previous.article) or previous.article)) or None,
        doc=current.doc or previous.doc,
        history_used=True,
        earlier=_said_before(previous),
    )
