"""The recipe in docs/languages.md for adding a language, followed for Frisian (fy)."""

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from babel.messages.pofile import read_po, write_po

from ric.content.repository import ContentRepository
from ric.replies.catalog import Catalogs
from ric.replies.render import Renderer
from ric.settings import ROOT, load

PYBABEL = str(Path(sys.executable).with_name("pybabel"))


def test_adding_a_language_by_the_recipe(tmp_path, caplog):
    locales = tmp_path / "locales"
    knowledge = tmp_path / "knowledge"
    shutil.copytree(ROOT / "locales", locales)
    shutil.copytree(ROOT / "knowledge", knowledge)
    # 1. One line of configuration.
    settings = load(
        {
            "RIC_LANGUAGES": "nl,en,ar,tr,pl,fy",
            "RIC_LOCALES_DIR": str(locales),
            "RIC_KNOWLEDGE_DIR": str(knowledge),
        }
    )
    assert settings.languages[-1] == "fy"
    # 2. A catalog: pybabel init, then translate every entry.
    subprocess.run(
        [PYBABEL, "init", "-i", str(locales / "messages.pot"), "-d", str(locales), "-l", "fy"],
        check=True,
        capture_output=True,
    )
    po = locales / "fy" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as handle:
        catalog = read_po(handle, locale="fy")
    for message in catalog:
        if message.id:
            message.string = f"[fy] {message.id}"
    with po.open("wb") as handle:
        write_po(handle, catalog)
    # 3. Knowledge and flows: translate, or mark the language pending (Dutch is shown, logged).
    for path in list((knowledge / "flows").glob("*.yml")) + list(
        (knowledge / "articles").glob("*.yml")
    ):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["pending"] = [*(data.get("pending") or []), "fy"]
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    # 4. NLU examples go to bot/data/nlu/fy/ (trained by `make train`; not run here).
    content = ContentRepository(knowledge, settings.languages)
    assert len(content.articles()) == len(list((knowledge / "articles").glob("*.yml")))
    renderer = Renderer(Catalogs(locales), content, settings.ric_timezone)
    menu = renderer.render("language_menu", "nl", {"languages": list(settings.languages)})
    assert "Frysk" in [b["title"] for b in menu["buttons"]]
    assert renderer.render("greet", "fy", {})["text"].startswith(
        "[fy] Hoi, ik ben de RIC-assistent."
    )
    with caplog.at_level(logging.WARNING):
        step = renderer.render("flow_step", "fy", {"condition": "id", "step": "has_id"})
    assert step["text"] and "Translation pending" in caplog.text
