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
import types
from functools import lru_cache


@lru_cache(maxsize=1)
def _pipelines():
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


def word_tokenize(text: str, format: str | None = None):
    return _pipelines()[0](text, format=format) if format else _pipelines()[0](text)


def sent_tokenize(text: str) -> list[str]:
    return _pipelines()[1](text)
