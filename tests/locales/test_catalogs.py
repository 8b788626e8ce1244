"""The gettext catalogs are current and complete: no missing, fuzzy or broken entry."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from ric.languages import SOURCE_LANGUAGE
from ric.settings import ROOT, load

LOCALES = ROOT / "locales"
LANGUAGES = load({}).languages
PLACEHOLDER = re.compile(r"\{(\w*)\}")
PYBABEL = str(Path(sys.executable).with_name("pybabel"))


def _catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def test_template_is_not_stale(tmp_path):
    """`make extract` would not change locales/messages.pot."""
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [
            PYBABEL,
            "extract",
            "-F",
            "babel.cfg",
            "-o",
            str(fresh),
            "--no-location",
            "--sort-output",
            "--omit-header",
            "--no-wrap",
            "ric",
            "bot",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    current = {m.id for m in _catalog(LOCALES / "messages.pot") if m.id}
    extracted = {m.id for m in _catalog(fresh) if m.id}
    assert extracted == current, (
        f"run `make update`: new {sorted(extracted - current)[:5]}, "
        f"gone {sorted(current - extracted)[:5]}"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_has_every_message_translated(lang):
    """Every template message is in the catalog; outside Dutch it is translated, not fuzzy."""
    template = {m.id for m in _catalog(LOCALES / "messages.pot") if m.id}
    catalog = {m.id: m for m in _catalog(LOCALES / lang / "LC_MESSAGES" / "messages.po") if m.id}
    assert template <= set(catalog), f"run `make update`: {sorted(template - set(catalog))[:5]}"
    fuzzy = [msgid for msgid, m in catalog.items() if m.fuzzy]
    assert not fuzzy, f"fuzzy entries in {lang}: {fuzzy[:5]}"
    if lang != SOURCE_LANGUAGE:
        missing = [msgid for msgid in template if not catalog[msgid].string]
        assert not missing, f"untranslated in {lang}: {missing[:5]}"


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
def test_translations_keep_every_placeholder(lang):
    catalog = _catalog(LOCALES / lang / "LC_MESSAGES" / "messages.po")
    broken = [
        m.id
        for m in catalog
        if m.id
        and m.string
        and sorted(PLACEHOLDER.findall(m.id)) != sorted(PLACEHOLDER.findall(m.string))
    ]
    assert not broken, f"placeholders differ in {lang}: {broken[:5]}"


def test_catalogs_compile(tmp_path):
    """`make compile` works (pybabel compile)."""
    import shutil

    shutil.copytree(LOCALES, tmp_path / "locales")
    result = subprocess.run(
        [PYBABEL, "compile", "-d", str(tmp_path / "locales")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert list((tmp_path / "locales").glob("*/LC_MESSAGES/messages.mo"))
