"""A figure record: one amount, count or rate stated in a report, with its slots."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ingest.model import collection_of
from ingest.vocabulary import vocabulary

FULL_YEAR = vocabulary().full_year  # the period of a figure that names none


@dataclass(frozen=True)
class Figure:
    source: str
    chunk_id: str
    title: str
    sentence: str  # the sentence as written
    clause: str  # the part of the sentence the figure stands in
    start: int  # character span of the amount inside `sentence`
    end: int
    scope: str | None
    year: int | None
    period: str
    programme: str  # KCQG | KCĐP | tổng
    measure: str  # kế hoạch | thực hiện | phân bổ | doanh thu | tỷ lệ
    value: str  # exact decimal, "27.6"
    value_text: str  # as Vietnamese write it, "27,6"
    unit: str  # tỷ đồng | triệu đồng | đề án | dự án | nhiệm vụ | %
    qualifier: str = ""  # trên / gần / khoảng
    percent: str = ""  # "94,8" in "đạt 94,8% so với kế hoạch"
    percent_of: str = ""
    share: str = ""  # "39,8" in "chiếm 39,8% kinh phí … toàn vùng"
    share_of: str = ""
    id: int | None = None

    @property
    def collection(self) -> str:
        """"corpus" or "upload": where the statement comes from."""
        return collection_of(self.source)

    @property
    def decimal(self) -> Decimal:
        return Decimal(self.value)
