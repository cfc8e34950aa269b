"""`make demo` (terminal): ask a few typical questions of the ingested corpus."""
from __future__ import annotations

import sys

from .assistant import Assistant

SAMPLES = [
    ("Kinh phí KCĐP thực hiện năm 2022 của miền Trung - Tây Nguyên?", ()),
    ("Còn kinh phí khuyến công quốc gia thì sao?",
     ("Kinh phí KCĐP thực hiện năm 2022 của miền Trung - Tây Nguyên?",)),
    ("Nội dung khoản 4 Điều 14 Nghị định 45/2012/NĐ-CP", ()),
    ("Ai phê duyệt kế hoạch khuyến công địa phương?", ()),
    ("When did Decree 45/2012/ND-CP take effect?", ()),
    ("Kinh phí khuyến công của tỉnh Cà Mau năm 2035 là bao nhiêu?", ()),
]


def main() -> int:
    assistant = Assistant()
    status = assistant.status()
    if not status.documents:
        print("Chưa có tài liệu nào trong chỉ mục: chạy 'kcassistant ingest <thư mục>' trước.", file=sys.stderr)
        return 1
    print(f"Cơ sở tri thức: {status.documents} tài liệu, {status.passages} đoạn ({status.data_dir})\n")
    assistant.warm_up()
    for question, history in SAMPLES:
        answer = assistant.ask(question, history)
        print("─" * 80)
        if history:
            print(f"(trước đó: {history[-1]})")
        print(f"Hỏi: {question}\n")
        print(answer.text)
        for c in answer.citations:
            print(f"  [{c.n}] {c.locator} — {c.source}")
        print(f"  ({answer.latency_ms:.0f} ms)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
