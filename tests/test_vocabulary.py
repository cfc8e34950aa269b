"""The vocabulary: one reader of knowledge/*.json, and the rules the data states."""
from ingest.patterns import doc_type_of
from ingest.vocabulary import vocabulary
from kcassistant.references import DocRef, doc_ref


def test_document_types_and_codes_come_from_the_data():
    v = vocabulary()
    assert v.document_type("NGHỊ ĐỊNH") == "Nghị định" and v.document_type("thông tư liên tịch") == "Thông tư liên tịch"
    assert doc_type_of("26/2014/TTLT-BTC-BCT") == "Thông tư liên tịch" and doc_type_of("3396/QĐ-BCT") == "Quyết định"
    assert v.primacy("Nghị định") > v.primacy("Thông tư")


def test_a_circular_named_in_a_question_covers_a_joint_circular():
    assert DocRef("Thông tư", "26").matches("26/2014/TTLT-BTC-BCT", "Thông tư liên tịch")
    assert not DocRef("Nghị định", "26").matches("26/2014/TTLT-BTC-BCT", "Thông tư liên tịch")


def test_english_and_vietnamese_document_references():
    assert doc_ref("Decree 45/2012 says what?") == DocRef("Nghị định", "45", "2012")
    assert doc_ref("Nghị quyết số 26 năm nào?") == DocRef("Nghị quyết", "26", None)
    assert doc_ref("theo pháp luật hiện hành") is None  # 'luật' alone is not a reference


def test_lists_that_differ_on_purpose_say_why():
    import json

    from ingest.vocabulary import KNOWLEDGE_DIR

    data = json.loads((KNOWLEDGE_DIR / "vocabulary.json").read_text(encoding="utf-8"))
    for section in ("stopwords", "programmes", "measures", "periods", "units"):
        assert data[section].get("_about"), section
    assert set(data["measures"]["in_text"]) == set(data["measures"]["before_amount"])
