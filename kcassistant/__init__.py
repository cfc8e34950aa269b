"""kcassistant: grounded question answering over the khuyến công programme documents."""
from ingest.links import INVERSE

from .answer import Answer, Citation
from .assistant import Assistant, IngestReport, InputError
from .config import Config
from .feedback import Feedback
from .retrieve import Filters, Hit

__all__ = ["INVERSE", "Assistant", "Answer", "Citation", "Config", "Feedback", "Filters", "Hit", "InputError",
           "IngestReport"]
__version__ = "0.1.0"
