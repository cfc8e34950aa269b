"""The figures wing: programme figures (amounts, counts, rates with their scope,
year, period, programme and measure) extracted at ingest (`extract`), kept in the
catalog (`store`) and matched to numeric questions (`match`). The user-facing
command and API method keep the name `facts`."""
from .extract import extract_figures
from .match import match_figures, wanted_units
from .record import FULL_YEAR, Figure
from .store import FigureStore

__all__ = ["FULL_YEAR", "Figure", "FigureStore", "extract_figures", "match_figures", "wanted_units"]
