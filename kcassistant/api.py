"""The HTTP API (`kcassistant serve`): what a ministry portal calls. One `Assistant`
per process, shared by every request; errors say what to change in Vietnamese and
English; writing (adding and removing documents) needs the bearer token set in
KC_API_TOKEN. Interactive docs at /docs (served offline), the schema at /openapi.json."""

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, File, Header, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, Field

from . import documents
from .answer import passage_dict
from .assistant import Assistant, InputError
from .export import conversation_json, conversation_markdown
from .feedback import Feedback
from .http_limits import BodyLimit
from .library import figure_rows, save_upload
from .retrieve import Filters


class ApiError(Exception):
    """An error a client can act on, said in both languages."""

    def __init__(self, status: int, code: str, vi: str, en: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(en)
        self.status, self.code, self.vi, self.en, self.headers = status, code, vi, en, headers


class FiltersIn(BaseModel):
    doc_type: str | None = Field(None, description="'Nghị định', 'Thông tư', …")
    doc_number: str | None = Field(None, description="45/2012/NĐ-CP")
    year: int | None = None
    kind: Literal["legal", "news"] | None = None


class AskIn(BaseModel):
    question: str = Field(..., description="Câu hỏi / the question", examples=["Điều 12 Nghị định 45/2012/NĐ-CP"])
    history: list[str] = Field(default_factory=list, max_length=20, description="earlier questions, oldest first")
    filters: FiltersIn | None = None
    id: str | None = Field(None, max_length=200, description="echoed back, as in the question-set format")


class FeedbackIn(BaseModel):
    question: str = Field(..., min_length=1, max_length=4000)
    history: list[str] = Field(default_factory=list, max_length=20)
    answer: dict[str, Any] = Field(..., description="the answer as POST /ask returned it")
    rating: Literal[0, 1] | None = Field(None, description="1 useful, 0 not useful")
    wrong_citation: bool = False
    comment: str = Field("", max_length=2000)


class ExportIn(BaseModel):
    turns: list[dict[str, Any]] = Field(..., max_length=200, description='[{"question": …, "answer": /ask reply}]')
    format: Literal["markdown", "json"] = "markdown"


def create_app(assistant: Assistant | None = None) -> FastAPI:
    """The application; `assistant` is built from the environment (KC_*) when not given."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if getattr(app.state, "assistant", None) is None:
            app.state.assistant = Assistant()
            if app.state.assistant.status().documents:
                app.state.assistant.warm_up()
        yield

    app = FastAPIOffline(title="kcassistant", version="1", lifespan=lifespan,
                         description="Hỏi đáp tài liệu khuyến công — question answering over the khuyến công "
                                     "programme's documents, every answer with quoted, cited passages.")
    app.state.assistant = assistant
    app.add_middleware(BodyLimit)

    def the_assistant(request: Request) -> Assistant:
        return request.app.state.assistant

    Kc = Annotated[Assistant, Depends(the_assistant)]

    def writer(kc: Kc, authorization: Annotated[str | None, Header()] = None) -> Assistant:
        token = kc.config.api_token
        if not token:
            raise ApiError(403, "writes_disabled", "Máy chủ chưa đặt KC_API_TOKEN nên không cho thêm/xoá tài liệu.",
                           "The server has no KC_API_TOKEN set, so documents cannot be added or removed.")
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), token.encode()):
            raise ApiError(401, "unauthorized", "Thiếu hoặc sai mã truy cập (Authorization: Bearer …).",
                           "Missing or wrong token (Authorization: Bearer …).", {"WWW-Authenticate": "Bearer"})
        return kc

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse({"error": {"code": exc.code, "vi": exc.vi, "en": exc.en}}, exc.status, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def bad_input(request: Request, exc: RequestValidationError) -> JSONResponse:
        where = "; ".join(f"{'.'.join(str(p) for p in e['loc'] if p != 'body')}: {e['msg']}" for e in exc.errors())
        return JSONResponse({"error": {"code": "bad_input", "vi": f"Dữ liệu gửi lên không hợp lệ — {where}",
                                       "en": f"Invalid request — {where}"}}, 422)

    @app.post("/ask", summary="Ask a question (the answer contract of FORMAT.md)")
    def ask(body: AskIn, kc: Kc) -> dict[str, Any]:
        filters = Filters(**body.filters.model_dump()) if body.filters else None
        try:
            answer = kc.ask(body.question, body.history, filters=filters)
        except InputError as exc:
            raise ApiError(400, "bad_question", str(exc), exc.english) from None
        return {"id": body.id, **answer.to_dict()} if body.id else answer.to_dict()

    @app.get("/search", summary="Passages for a query, best first")
    def search(kc: Kc, q: Annotated[str, Query(description="the query")], k: Annotated[int, Query(ge=1, le=50)] = 10,
               doc_type: str | None = None, doc_number: str | None = None, year: int | None = None,
               kind: Literal["legal", "news"] | None = None) -> list[dict[str, Any]]:
        filters = Filters(doc_type, doc_number, year, kind) if any((doc_type, doc_number, year, kind)) else None
        try:
            hits = kc.search(q, k=k, filters=filters)
        except InputError as exc:
            raise ApiError(400, "bad_question", str(exc), exc.english) from None
        return [passage_dict(rank, hit) for rank, hit in enumerate(hits, 1)]

    @app.get("/facts", summary="Programme figures, one row per statement of a source")
    def facts(kc: Kc, scope: str | None = None, year: int | None = None, period: str | None = None,
              programme: str | None = None, measure: str | None = None, unit: str | None = None
              ) -> list[dict[str, Any]]:
        files = {f.source: f for f in kc.files()}
        found = kc.facts(scope=scope, year=year, period=period, programme=programme, measure=measure, unit=unit)
        return [asdict(row) for row in figure_rows(found, files)]

    @app.get("/documents", summary="Indexed files")
    def list_documents(kc: Kc) -> list[dict[str, Any]]:
        by_source: dict[str, list] = {}
        for chunk in kc.chunks():
            by_source.setdefault(chunk.source, []).append(chunk)
        return [documents.summary(f, by_source.get(f.source, [])) for f in kc.files()]

    @app.get("/documents/{doc_id}", summary="One file: its documents, articles and links")
    def get_document(doc_id: str, kc: Kc) -> dict[str, Any]:
        record = _file(kc, doc_id)
        everything = kc.chunks()
        return documents.detail(record, [c for c in everything if c.source == record.source], everything, kc.links_of)

    @app.post("/documents", summary="Add files (bearer token); one outcome per file")
    def add_documents(files: Annotated[list[UploadFile], File(description=".txt .md .html .docx .pdf")],
                      kc: Annotated[Assistant, Depends(writer)]) -> dict[str, Any]:
        outcomes: list[dict[str, Any]] = []
        saved = []
        for upload in files:
            name = upload.filename or "tai-lieu"
            try:
                stored = save_upload(kc.config.uploads_dir, name, upload.file.read())
            except ValueError as exc:
                outcomes.append({"file": name, "status": "failed", "message": str(exc)})
                continue
            saved.append((name, stored.path))
        report = kc.ingest([p for _, p in saved], root=kc.config.data_dir)
        ids = {f.source: documents.document_id(f) for f in kc.files()}
        for (name, _), outcome in zip(saved, report.outcomes):
            outcomes.append({"file": name, "status": outcome.status, "source": outcome.source,
                             "id": ids.get(outcome.source), "passages": outcome.chunks, "message": outcome.message,
                             "warnings": list(outcome.warnings)})
        return {"ok": all(o["status"] in ("indexed", "unchanged") for o in outcomes), "files": outcomes}

    @app.delete("/documents/{doc_id}", summary="Remove a file from the index (bearer token)")
    def delete_document(doc_id: str, kc: Annotated[Assistant, Depends(writer)]) -> dict[str, Any]:
        record = _file(kc, doc_id)
        kc.remove(record.source)
        return {"removed": record.source, "id": doc_id}

    @app.get("/status", summary="What is indexed; also the health check")
    def status(kc: Kc) -> dict[str, Any]:
        return {**asdict(kc.status()), "llm": kc.config.llm_model if kc.config.llm_url else None,
                "writes_enabled": bool(kc.config.api_token), "feedback": len(kc.index.feedback.all())}

    @app.post("/feedback", status_code=201, summary="Say whether an answer was right")
    def feedback(body: FeedbackIn, kc: Kc) -> dict[str, Any]:
        answer = body.answer
        try:
            kept = kc.record_feedback(Feedback(
                question=body.question, history=tuple(body.history), answer=str(answer.get("answer", "")),
                found=bool(answer.get("found")), citations=tuple(answer.get("citations") or ()),
                method=str(answer.get("method", "")), rating=body.rating, wrong_citation=body.wrong_citation,
                comment=body.comment, origin="api"))
        except ValueError as exc:
            raise ApiError(400, "bad_feedback", str(exc), "Feedback rejected: " + str(exc)) from None
        return {"id": kept.id}

    @app.post("/export", summary="A conversation with every citation written out (Markdown or JSON)",
              response_model=None)
    def export(body: ExportIn) -> PlainTextResponse | dict[str, Any]:
        if body.format == "json":
            return conversation_json(body.turns)
        return PlainTextResponse(conversation_markdown(body.turns), media_type="text/markdown; charset=utf-8")

    return app


def _file(kc: Assistant, doc_id: str) -> Any:
    record = next((f for f in kc.files() if documents.document_id(f) == doc_id), None)
    if record is None:
        raise ApiError(404, "no_such_document", f"Không có tài liệu mã '{doc_id[:40]}' (xem GET /documents).",
                       f"No document with id '{doc_id[:40]}' (see GET /documents).")
    return record



def serve(assistant: Assistant, host: str, port: int, log_level: str = "info") -> None:
    """Run the API with uvicorn until interrupted (`kcassistant serve`)."""
    import sys

    import uvicorn

    if assistant.status().documents:
        assistant.warm_up()
    where = f"http://{host}:{port}"
    print(f"kcassistant API: {where} (tài liệu API: {where}/docs; Ctrl+C để dừng)", file=sys.stderr)
    if not assistant.config.api_token:
        print("Lưu ý: chưa đặt KC_API_TOKEN — API chỉ đọc (không thêm/xoá tài liệu)", file=sys.stderr)
    uvicorn.run(create_app(assistant), host=host, port=port, log_level=log_level)
