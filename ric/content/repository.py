"""Content as the assistant uses it: files in `knowledge/`, re-read when they change."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from ric.content.flows import Flow, FlowError, read_flow_file
from ric.store.models import CONDITIONS

logger = logging.getLogger(__name__)


class ContentRepository:
    """Loads flows on first use and again whenever a file's modification time changes.

    Editors' changes therefore reach new answers at once, without a restart or retraining.
    """

    def __init__(self, knowledge_dir: Path, languages: tuple[str, ...]) -> None:
        self.knowledge_dir = Path(knowledge_dir)
        self.languages = languages
        self._lock = threading.Lock()
        self._flows: dict[str, tuple[float, Flow]] = {}

    def flow_path(self, condition: str) -> Path:
        return self.knowledge_dir / "flows" / f"{condition}.yml"

    def flow(self, condition: str) -> Flow:
        """The current flow of a condition; FlowError when the file is missing or invalid."""
        path = self.flow_path(condition)
        try:
            mtime = path.stat().st_mtime
        except FileNotFoundError as error:
            raise FlowError(f"{path}: no flow file for {condition!r}") from error
        with self._lock:
            cached = self._flows.get(condition)
            if cached is not None and cached[0] == mtime:
                return cached[1]
        flow = read_flow_file(path, self.languages)
        with self._lock:
            self._flows[condition] = (mtime, flow)
        logger.info("Loaded flow %s", path.name)
        return flow

    def flows(self) -> dict[str, Flow]:
        """All five flows, in the fixed order of the conditions."""
        return {condition: self.flow(condition) for condition in CONDITIONS}
