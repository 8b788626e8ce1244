"""Importing the portal does no work: no plotting backend chosen, no scikit-learn loaded."""

import subprocess
import sys


def _modules_after_import(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_importing_the_portal_loads_neither_scikit_learn_nor_pyplot():
    loaded = _modules_after_import("ric.portal.app")

    assert "sklearn" not in loaded
    assert "matplotlib.pyplot" not in loaded


def test_a_chart_is_an_svg_with_its_text_as_text():
    from ric.portal.charts import conditions_chart

    svg = conditions_chart({"id": {"done": 2}}, {"id": "ID"}, {"done": "Klaar"})

    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "Klaar" in svg  # svg.fonttype none: the legend is text, not glyph paths
