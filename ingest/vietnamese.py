"""underthesea's word and sentence segmentation, loaded without its heavy extras.

`import underthesea` also imports its translation pipeline, which pulls in
transformers and torch when they are installed (they are, for the
sentence-transformers back end): about 2 s on every start, a third of the
one-shot CLI budget. We load only the two pipelines we use by registering the
package's path without running its __init__; if that ever fails (a new
underthesea layout), we fall back to the ordinary import.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from functools import lru_cache

# underthesea's first import edits sys.modules and its CRF taggers are not known to be
# thread-safe: one lock for loading and for every call (a call takes well under a millisecond
# per sentence, so requests on a server wait little).
_LOCK = threading.RLock()


@lru_cache(maxsize=1)
def _load():
    if "underthesea" not in sys.modules:
        spec = importlib.util.find_spec("underthesea")
        if spec is None or not spec.submodule_search_locations:
            raise ImportError("underthesea is not installed: run 'make setup'")
        shell = types.ModuleType("underthesea")
        shell.__path__ = list(spec.submodule_search_locations)
        shell.__file__ = spec.origin
        sys.modules["underthesea"] = shell
        try:
            importlib.import_module("underthesea.pipeline.text_normalize")  # breaks an import cycle
            words = importlib.import_module("underthesea.pipeline.word_tokenize").word_tokenize
            sentences = importlib.import_module("underthesea.pipeline.sent_tokenize").sent_tokenize
            return words, sentences
        except Exception:
            for name in [m for m in sys.modules if m == "underthesea" or m.startswith("underthesea.")]:
                del sys.modules[name]
    import underthesea

    return underthesea.word_tokenize, underthesea.sent_tokenize


def _pipelines():
    with _LOCK:
        return _load()


def word_tokenize(text: str, format: str | None = None):
    words = _pipelines()[0]
    with _LOCK:
        return words(text, format=format) if format else words(text)


def sent_tokenize(text: str) -> list[str]:
    sentences = _pipelines()[1]
    with _LOCK:
        return sentences(text)
