"""LangChain interface: kcassistant's hybrid retrieval as a `BaseRetriever`, so a
LangChain pipeline (a generative answer chain, an agent tool) can use the same
passages, locators and citations as the extractive engine.

    from kcassistant import Assistant
    from kcassistant.langchain import KCRetriever
    retriever = KCRetriever(assistant=Assistant(), k=5)
    docs = retriever.invoke("Điều 12 Nghị định 45/2012/NĐ-CP")
"""
from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from .assistant import Assistant


class KCRetriever(BaseRetriever):
    assistant: Any  # an Assistant (kept loose so pydantic does not inspect it)
    k: int = 5

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        assistant: Assistant = self.assistant
        return [Document(page_content=hit.chunk.text,
                         metadata={**hit.chunk.metadata(), "id": hit.chunk.id, "rank": rank, "score": hit.score})
                for rank, hit in enumerate(assistant.search(query, k=self.k), 1)]
