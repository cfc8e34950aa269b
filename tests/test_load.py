"""Loading every supported format into clean NFC text; bad files fail clearly."""
import unicodedata

import pytest

from ingest import LoadError, parse_file
from ingest.load import load_text

from conftest import DOCS

VIET = "Nghị định về khuyến công quy định kinh phí khuyến công quốc gia và địa phương."


def test_decomposed_text_is_normalised(tmp_path):
    path = tmp_path / "nfd.txt"
    path.write_text(unicodedata.normalize("NFD", VIET), encoding="utf-8")
    assert load_text(path) == VIET


def test_utf16_and_bom(tmp_path):
    (tmp_path / "a.txt").write_bytes(VIET.encode("utf-16"))
    (tmp_path / "b.txt").write_bytes(b"\xef\xbb\xbf" + VIET.encode("utf-8"))
    assert load_text(tmp_path / "a.txt") == VIET
    assert load_text(tmp_path / "b.txt") == VIET


def test_legacy_tcvn3_is_refused_with_advice(tmp_path):
    # "Nghị định về khuyến công" typed in a TCVN3 (ABC) font, saved as Latin-1 bytes
    path = tmp_path / "tcvn3.txt"
    path.write_bytes(("Ngh\xd7 \xae\xdenh v\xd2 khuy\xd5n c\xabng quy \xae\xdenh kinh ph\xd3 khuy\xd5n c\xabng. " * 20)
                     .encode("latin-1"))
    with pytest.raises(LoadError, match="TCVN3"):
        load_text(path)


def test_legacy_vni_is_refused(tmp_path):
    path = tmp_path / "vni.txt"
    path.write_text("Nghò ñònh veà khuyeán coâng quy ñònh kinh phí khuyeán coâng. " * 20, encoding="utf-8")
    with pytest.raises(LoadError, match="VNI"):
        load_text(path)


def test_docx_roundtrip(tmp_path):
    import docx

    document = docx.Document()
    for line in (DOCS / "nghi_dinh_mau.txt").read_text(encoding="utf-8").split("\n"):
        document.add_paragraph(line)
    path = tmp_path / "nd.docx"
    document.save(path)
    doc = parse_file(path, "nd.docx")
    assert doc.kind == "legal" and [s.article for s in doc.sections if s.kind == "article"] == ["1", "2", "3"]
    assert {s.doc_number for s in doc.sections} == {"88/2031/NĐ-CP"}


def _tiny_pdf(text: str) -> bytes:
    """A one-page PDF with a text line (Helvetica, ASCII), written by hand."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_text_layer(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(_tiny_pdf("Industrial extension report for the pilot region in 2031."))
    assert "Industrial extension report" in load_text(path)


@pytest.mark.parametrize("name,content,message", [
    ("broken.docx", b"PK\x03\x04 not really a zip", "docx"),
    ("broken.pdf", b"%PDF-1.4 garbage", "PDF"),
    ("empty.txt", b"   \n  ", "không có nội dung"),
    ("binary.txt", b"\x00\x01\x02\x00" * 100, "nhị phân"),
    ("notes.xlsx", b"whatever", "không được hỗ trợ"),
])
def test_bad_files_fail_with_a_message(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LoadError, match=message):
        load_text(path)
