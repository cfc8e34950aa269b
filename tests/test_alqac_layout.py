"""The ALQAC law corpora (../shared/eval/external; 4 + 17 laws in the ordinary published
layout) parse into exactly their articles: every gold article under its own number, with
its own text — none merged, split or invented. The one tolerated difference is the
dataset's own: where a gold article's text holds the next article's heading
("…\\n\\nĐiều 64. Quản lý…"), the parser starts that article, and the two parsed
articles together are the gold text."""
import json
import re
import subprocess
import sys
import unicodedata

import pytest

from ingest import parse_file

from conftest import SHARED

EXTERNAL = SHARED / "eval" / "external"
pytestmark = pytest.mark.integration


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


HEADING = re.compile(r"^\s*(Phần thứ \w+|Phần [IVXLC]+|Chương [IVXLC\d]+|Mục \d+|Tiểu mục \d+)\b")
PASSED = re.compile(r"^\s*(Bộ luật|Luật|Hiến pháp) này (đã )?được .*thông qua|^\s*(CHỦ TỊCH QUỐC HỘI|TM\.|KT\.)")
INNER = re.compile(r"(?:^|\n)\s*Điều (\d+[a-z]?)(?:\.|[ \t]*(?:\n|$))")  # an article heading inside a gold text


def article_text(gold: str) -> str:
    """A gold article as the law's reader sees it: the dataset glues into some articles the
    Phần / Chương / Mục / Tiểu mục headings that follow them (with their title in capitals)
    and, in the last one, the line saying when the law was passed and the signature — the
    parser rightly keeps those out of article text."""
    kept, lines = [], [x for x in gold.split("\n") if x.strip()]
    skip_title = False
    for line in lines:
        if PASSED.match(line):
            break
        if HEADING.match(line):
            skip_title = not re.search(r"[a-zà-ỹđ]", HEADING.sub("", line))  # title on the next line
            continue
        if skip_title and line.strip() == line.strip().upper():
            skip_title = False
            continue
        skip_title = False
        kept.append(line)
    return norm("\n".join(kept))


@pytest.fixture(scope="module", params=["alqac2022", "alqac2023"])
def corpus(request, tmp_path_factory):
    if not (EXTERNAL / "make_corpus.py").exists():
        pytest.skip(f"ALQAC data not found at {EXTERNAL}")
    out = tmp_path_factory.mktemp(request.param)
    subprocess.run([sys.executable, str(EXTERNAL / "make_corpus.py"), "--set", request.param, "--out", str(out)],
                   check=True, capture_output=True)
    return request.param, out, json.loads((out / "laws.json").read_text(encoding="utf-8"))


def test_every_law_parses_into_exactly_its_articles(corpus):
    name, out, laws = corpus
    problems = []
    for law in laws:
        doc = parse_file(out / "corpus" / law["source"], law["source"])
        parsed: dict[str, str] = {}
        for section in (s for s in doc.sections if s.kind == "article"):
            if section.article in parsed:
                problems.append(f"{law['source']}: Điều {section.article} twice")
            own_text = section.paragraphs != (section.title,)  # an article that is only its heading
            parsed[section.article] = norm(f"{section.title} {section.text}" if own_text else section.title)
        gold = {a: article_text(t) for a, t in law["articles"].items()}
        for article, text in gold.items():
            mine = parsed.get(article)
            if mine is None:
                problems.append(f"{law['source']}: gold Điều {article} not found")
                continue
            inside = [n for n in INNER.findall(law["articles"][article]) if n != article and n not in gold]
            whole = " ".join([mine, *(f"Điều {n}. {parsed.get(n, '')}" for n in inside)])
            if norm(whole).replace(".", "") != text.replace(".", ""):  # "Điều 115" is written without a full stop
                problems.append(f"{law['source']}: Điều {article} text differs")
        allowed = set(gold) | {n for t in law["articles"].values() for n in INNER.findall(t)}
        problems += [f"{law['source']}: invented Điều {a}" for a in parsed if a not in allowed]
        section = next(s for s in doc.sections if s.kind == "article")
        if law.get("number"):
            assert section.doc_number == law["number"], law["source"]
        assert section.doc_type in ("Luật", "Bộ luật", "Hiến pháp"), (law["source"], section.doc_type)
    assert not problems, f"{name}: {len(problems)} problems, e.g. {problems[:10]}"
