"""Request size limits for the HTTP API, enforced before a body reaches the
application: a declared Content-Length over the limit is refused at once, and a
body sent without one is counted as it arrives."""
from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from ingest.load import MAX_FILE_BYTES

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

UPLOAD_REQUEST_BYTES = 50 * 1024 * 1024  # several files in one request; each file is still held to MAX_FILE_BYTES
REQUEST_BYTES = 256 * 1024  # a question with its history, feedback, a conversation to export


def limit_for(method: str, path: str) -> int:
    return UPLOAD_REQUEST_BYTES if (method, path.rstrip("/")) == ("POST", "/documents") else REQUEST_BYTES


class BodyLimit:
    """ASGI middleware: 413 with a message in both languages when a body is too large."""

    def __init__(self, app: Callable[[Message, Receive, Send], Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Message, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope["method"], scope["path"])
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _too_large(send, limit)
            return
        parts, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > limit:
                await _too_large(send, limit)
                return
            parts.append(body)
            if not message.get("more_body"):
                break
        whole = b"".join(parts)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": whole, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _too_large(send: Send, limit: int) -> None:
    mb = f"{limit / 1024 / 1024:.2f}".rstrip("0").rstrip(".")
    body = json.dumps({"error": {
        "code": "too_large",
        "vi": f"Yêu cầu quá lớn: tối đa {mb} MB (mỗi tệp tối đa {MAX_FILE_BYTES // 1024 // 1024} MB).",
        "en": f"Request too large: at most {mb} MB (each file at most {MAX_FILE_BYTES // 1024 // 1024} MB)."}},
        ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
