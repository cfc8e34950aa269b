"""Long work shows progress: a terminal bar per phase (files, then vectors) and an ETA in words."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable


def eta_text(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} giây"
    if seconds < 5400:
        return f"{seconds / 60:.0f} phút"
    return f"{seconds / 3600:.1f} giờ"


def progress_bar() -> Callable[[int, int, str], None]:
    from tqdm import tqdm

    bar = None

    def update(done: int, total: int, name: str) -> None:
        nonlocal bar
        if bar is None:  # one bar per phase: files, then the vectors of their passages
            vectors = name.startswith("vector")
            bar = tqdm(total=total, unit="đoạn" if vectors else "tệp",
                       desc="Nhúng vector" if vectors else "Lập chỉ mục", file=sys.stderr,
                       disable=not sys.stderr.isatty() and os.environ.get("KC_PROGRESS") != "1")
        bar.n = done
        bar.set_postfix_str(name[-60:])
        bar.refresh()
        if done == total:
            bar.close()
            bar = None

    return update
