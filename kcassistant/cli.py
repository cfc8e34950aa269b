"""`kcassistant` command line: ingest, embed, ask, search, facts, eval, status, serve, feedback."""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .config import SettingError
from .progress import eta_text, progress_bar

if TYPE_CHECKING:
    from .assistant import Assistant

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_FAILED = 0, 3, 2, 1


def _assistant(args: argparse.Namespace) -> Assistant:
    from .assistant import Assistant
    from .config import Config

    config = Config.from_env()
    if getattr(args, "data_dir", None):
        config = replace(config, data_dir=Path(args.data_dir))
    return Assistant(config)


def cmd_ingest(args) -> int:
    missing = [p for p in args.paths if not Path(p).exists()]
    for p in missing:
        print(f"Lỗi: không tìm thấy '{p}'", file=sys.stderr)
    paths = [Path(p) for p in args.paths if Path(p).exists()]
    if not paths:
        return EXIT_USAGE
    assistant = _assistant(args)
    report = assistant.ingest(paths, progress=progress_bar(), prune=args.prune, vectors=not args.lexical_only)
    for outcome in report.failed:
        print(f"Bỏ qua: {outcome.message}", file=sys.stderr)
    for warning in (w for o in report.outcomes for w in o.warnings):
        print(f"Lưu ý: {warning}", file=sys.stderr)
    print(f"Đã lập chỉ mục {report.count('indexed')} tệp, {report.count('unchanged')} không đổi, "
          f"{report.count('failed')} lỗi, {report.count('removed')} đã gỡ; "
          f"{report.embedded} đoạn được nhúng; {report.seconds:.1f} s")
    if report.vectors_pending:
        print(f"{report.vectors_pending} đoạn chờ vector (đã tìm được theo từ khóa): chạy `kcassistant embed`",
              file=sys.stderr)
    if missing or report.failed:
        return EXIT_PARTIAL
    return EXIT_OK


def cmd_embed(args) -> int:
    """The vectors that wait (after `ingest --lexical-only`, an interrupted run, a store that was down)."""
    assistant = _assistant(args)
    run = assistant.embed_pending(progress=progress_bar())
    print(f"Đã nhúng {run.total} đoạn ({run.reused} đã có sẵn, chỉ đánh dấu); còn chờ {run.pending}; "
          f"{run.seconds:.1f} s")
    return EXIT_OK if not run.pending else EXIT_PARTIAL


def _print_answer(answer, as_json: bool) -> None:
    if as_json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=1))
        return
    print(answer.text)
    for c in answer.citations:
        where = c.locator + (f" — {c.title}" if c.title and c.title not in c.locator else "")
        print(f"  [{c.n}] {where} ({c.source})")


def _filters(args):
    from .retrieve import Filters

    if not any((args.type, args.doc, args.year, args.kind)):
        return None
    return Filters(doc_type=args.type, doc_number=args.doc, year=args.year, kind=args.kind)


def cmd_ask(args) -> int:
    from .assistant import InputError

    assistant = _assistant(args)
    try:
        answer = assistant.ask(args.question, args.history or (), filters=_filters(args))
    except InputError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for notice in answer.notices:
        print(f"Lưu ý: {notice}", file=sys.stderr)
    _print_answer(answer, args.json)
    return EXIT_OK


def cmd_search(args) -> int:
    from .answer import passage_dict
    from .assistant import InputError

    assistant = _assistant(args)
    try:
        hits = assistant.search(args.query, k=args.k, filters=_filters(args))
    except InputError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print(json.dumps([passage_dict(i, h) for i, h in enumerate(hits, 1)], ensure_ascii=False, indent=1))
        return EXIT_OK
    for i, h in enumerate(hits, 1):
        print(f"{i:2d}. {h.chunk.locator} [{h.chunk.source}] {h.score:.4f}")
        print("    " + " ".join(h.chunk.text.split())[:200])
    return EXIT_OK


def cmd_eval(args) -> int:
    from .evaluate import run_eval

    qa = Path(args.qa)
    if not qa.exists():
        print(f"Lỗi: không tìm thấy tệp câu hỏi '{qa}'", file=sys.stderr)
        return EXIT_USAGE
    assistant = _assistant(args)
    try:
        rows, summary = run_eval(assistant, qa, Path(args.out))
    except ValueError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for r in rows:
        if not (r.answer_ok and r.cite_ok and r.faithful):
            print(f"FAIL {r.id} answer_ok={r.answer_ok} cite_ok={r.cite_ok} rank={r.rank} "
                  f"unsupported={r.unsupported}")
    print(json.dumps(summary, ensure_ascii=False))
    return EXIT_OK


FACT_COLUMNS = ["scope", "year", "period", "programme", "measure", "value_text", "unit", "qualifier",
                "percent", "percent_of", "share", "share_of", "title", "source", "collection", "sentence"]
# what a person reads in the table and the CSV (JSON keeps the field names, for programs)
FACT_HEADERS = {"scope": "Phạm vi", "year": "Năm", "period": "Kỳ", "programme": "Chương trình",
                "measure": "Chỉ tiêu", "value_text": "Giá trị", "unit": "Đơn vị", "qualifier": "Ước lượng",
                "percent": "Đạt %", "percent_of": "So với", "share": "Chiếm %", "share_of": "Của",
                "title": "Bài/báo cáo", "source": "Tệp", "collection": "Thuộc", "sentence": "Câu nguồn"}


def cmd_facts(args) -> int:
    import csv

    assistant = _assistant(args)
    figures = assistant.facts(scope=args.scope, year=args.year, period=args.period,
                              programme=args.programme, measure=args.measure, unit=args.unit)
    rows = [{c: getattr(f, c) for c in FACT_COLUMNS} for f in figures]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif args.format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow([FACT_HEADERS[c] for c in FACT_COLUMNS])
        writer.writerows([[r[c] if r[c] is not None else "" for c in FACT_COLUMNS] for r in rows])
    else:
        shown = ["scope", "year", "period", "programme", "measure", "value_text", "unit", "title"]
        for r in rows:
            r["title"] = str(r["title"])[:60]
        widths = {c: max([len(FACT_HEADERS[c])] + [len(str(r[c] or "")) for r in rows]) for c in shown}
        print("  ".join(FACT_HEADERS[c].ljust(widths[c]) for c in shown))
        for r in rows:
            print("  ".join(str(r[c] or "").ljust(widths[c]) for c in shown))
        print(f"({len(rows)} bản ghi)")
    return EXIT_OK


def cmd_status(args) -> int:
    from datetime import datetime

    status = _assistant(args).status()
    if args.json:
        print(json.dumps(status.__dict__, ensure_ascii=False, indent=1))
        return EXIT_OK
    last = datetime.fromtimestamp(status.last_ingest).strftime("%d/%m/%Y %H:%M") if status.last_ingest else "chưa có"
    print(f"Tài liệu: {status.documents}\nĐoạn văn: {status.passages}\nCập nhật lần cuối: {last}\n"
          f"Mô hình nhúng: {status.embedder}\nKho vector: {status.vector_store}\nThư mục dữ liệu: {status.data_dir}")
    pending, rate = status.vectors_pending, status.embed_rate
    eta = f" — {rate:.1f} đoạn/giây, còn khoảng {eta_text(pending / rate)}" if pending and rate else ""
    print(f"Đoạn chờ vector: {pending}{eta}" + (" (`kcassistant embed`)" if pending else ""))
    return EXIT_OK


def cmd_serve(args) -> int:
    from .api import serve

    serve(_assistant(args), args.host, args.port, args.log_level)
    return EXIT_OK


def cmd_feedback(args) -> int:
    from .feedback import export

    items = _assistant(args).index.feedback.all()
    text = export(items, args.format)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"Đã ghi {len(items)} phản hồi vào {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _programme(value: str) -> str:
    canonical = {"kcqg": "KCQG", "kcđp": "KCĐP", "kcdp": "KCĐP", "tổng": "tổng", "tong": "tổng"}
    try:
        return canonical[value.strip().lower()]
    except KeyError:
        raise argparse.ArgumentTypeError(f"'{value}': dùng KCQG, KCĐP hoặc tổng") from None


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--type", help="chỉ tìm trong loại văn bản: 'Nghị định', 'Thông tư', …")
    parser.add_argument("--doc", help="chỉ tìm trong văn bản số, ví dụ 45/2012/NĐ-CP")
    parser.add_argument("--year", type=int, help="năm ban hành văn bản")
    parser.add_argument("--kind", choices=["legal", "news"], help="văn bản pháp luật hoặc tin bài")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kcassistant", description="Hỏi đáp tài liệu khuyến công")
    parser.add_argument("--data-dir", help="thư mục dữ liệu chỉ mục (mặc định KC_DATA_DIR hoặc .kcassistant)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="lập chỉ mục tệp hoặc thư mục")
    p.add_argument("paths", nargs="+")
    p.add_argument("--prune", action="store_true", help="gỡ khỏi chỉ mục các tệp đã bị xóa khỏi thư mục")
    p.add_argument("--lexical-only", action="store_true",
                   help="chỉ lập chỉ mục từ khóa (tìm được ngay); vector để `kcassistant embed` làm sau")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("embed", help="nhúng vector cho các đoạn còn chờ (tiếp tục được sau khi dừng)")
    p.set_defaults(func=cmd_embed)

    p = sub.add_parser("ask", help="đặt câu hỏi")
    p.add_argument("question")
    p.add_argument("--history", action="append", help="câu hỏi trước đó (lặp lại theo thứ tự)")
    p.add_argument("--json", action="store_true")
    _add_filters(p)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("search", help="tìm đoạn văn liên quan")
    p.add_argument("query")
    p.add_argument("-k", type=int, default=10)
    p.add_argument("--json", action="store_true")
    _add_filters(p)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("eval", help="chấm điểm trên tệp câu hỏi (shared/eval/FORMAT.md)")
    p.add_argument("qa")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("facts", help="bảng số liệu kinh phí trích từ tin bài, báo cáo")
    p.add_argument("--scope", help="khu vực/tỉnh/'cả nước', ví dụ 'miền Trung - Tây Nguyên'")
    p.add_argument("--year", type=int)
    p.add_argument("--period", help="'cả năm', '9 tháng', 'đến 30/6' …")
    p.add_argument("--programme", type=_programme, help="KCQG | KCĐP | tổng")
    p.add_argument("--measure", help="kế hoạch | thực hiện | phân bổ | doanh thu | tỷ lệ thực hiện")
    p.add_argument("--unit", help="tỷ đồng | triệu đồng | đề án | dự án | nhiệm vụ | %%")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=cmd_facts)

    p = sub.add_parser("serve", help="chạy API HTTP (FastAPI)")
    p.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("feedback", help="xuất phản hồi của người dùng (định dạng bộ câu hỏi)")
    p.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    p.add_argument("--out", help="ghi ra tệp thay vì màn hình")
    p.set_defaults(func=cmd_feedback)

    p = sub.add_parser("status", help="tình trạng cơ sở tri thức")
    p.add_argument("--json", action="store_true", help="in dạng JSON (thời điểm là Unix timestamp)")
    p.set_defaults(func=cmd_status)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except SettingError as exc:
        print(f"Lỗi cấu hình: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # output piped into head & co.
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
