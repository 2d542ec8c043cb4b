"""cqc-rag: cited answers from CQC local authority assessment reports.

Public API: `Assistant` (ingest / ask / search / reports / remove), `Settings`, and the
types in `rag.types`. Importing this package sets the offline environment first (see
`rag.env`) and imports nothing heavy: torch, chromadb and friends load on first use.
"""

from rag.env import configure_offline

configure_offline()

from rag.assistant import Assistant  # noqa: E402
from rag.config import Settings  # noqa: E402
from rag.types import Answer, Citation, Filters, Passage, ReportInfo, Turn  # noqa: E402

__all__ = ["Answer", "Assistant", "Citation", "Filters", "Passage", "ReportInfo", "Settings", "Turn"]
