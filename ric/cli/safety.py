"""`ric safety check|tune`: try the crisis detector on a message; measure its thresholds."""

from __future__ import annotations

import click

from ric.cli import load_settings


@click.group("safety")
def safety_group() -> None:
    """The crisis detector (knowledge/safety/<lang>.yml)."""


@safety_group.command("check")
@click.argument("text", nargs=-1, required=True)
@click.option("--lang", default=None, help="The conversation's language (chat spellings).")
def check(text: tuple[str, ...], lang: str | None) -> None:
    """Say whether TEXT would raise the alarm, in which category and by which layer."""
    from ric.safety import phrases, semantic
    from ric.safety.detector import DEFAULT_THRESHOLDS, assess

    settings = load_settings()
    message = " ".join(text)
    data = phrases.load(settings.knowledge_dir)
    finding = assess(message, settings.knowledge_dir, lang=lang)
    near = semantic.nearest(data, [data.prepare(message, lang)])[0]
    click.echo(f"normalised: {data.prepare(message, lang)}")
    click.echo(
        f"nearest crisis example ({near.category}, {near.crisis:.2f}): {near.example}; "
        f"nearest harmless {near.harmless:.2f}; thresholds {DEFAULT_THRESHOLDS}"
    )
    click.echo(f"ALARM {finding.category} ({finding.layer})" if finding else "no alarm")


@safety_group.command("tune")
@click.option("--max-false-alarms", default=0.03, show_default=True)
def tune(max_false_alarms: float) -> None:
    """Leave-one-out over the files' own examples: the best thresholds on the grid."""
    from ric.safety import phrases
    from ric.safety.tuning import score_grid

    settings = load_settings()
    data = phrases.load(settings.knowledge_dir)
    click.echo(f"{len(data.examples)} crisis examples, {len(data.harmless)} harmless examples")
    for score in score_grid(data, max_false_alarms=max_false_alarms)[:10]:
        click.echo(
            f"{score.limits}  recall {score.recall:.3f}  false alarms "
            f"{score.false_alarms:.3f}  right category {score.right_category:.3f}"
        )
