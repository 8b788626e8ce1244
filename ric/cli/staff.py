"""`ric account add|disable|enable|role` for staff accounts; `ric knowledge export|translations|
mark-translated` for the content edited in the portal."""

from __future__ import annotations

from pathlib import Path

import click

from ric.store.models import STAFF_ROLES


@click.group("account")
def account_group() -> None:
    """Staff accounts of the portal (staff, editor, admin)."""


@account_group.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(STAFF_ROLES), required=True)
@click.option("--name", "display_name", default=None, help="Name shown in the portal.")
@click.option("--pi", default=None, help="The PI whose detainees the account sees (none: all).")
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="At least 10 characters (asked when not given).",
)
def account_add(
    username: str, role: str, display_name: str | None, pi: str | None, password: str
) -> None:
    """Create a staff account with an argon2-hashed password."""
    from ric.cli import load_settings
    from ric.store import staff
    from ric.store.db import make_engine, make_sessionmaker, session_scope
    from ric.store.errors import StoreError

    engine = make_engine(load_settings().database_url)
    try:
        with session_scope(make_sessionmaker(engine)) as session:
            staff.create_account(
                session,
                username,
                role=role,
                password=password,
                display_name=display_name,
                pi=pi,
            )
            staff.audit(session, "cli", "add_account", f"{username} {role}")
    except StoreError as error:
        raise click.ClickException(f"Not created: {error.__class__.__name__} {error}") from error
    finally:
        engine.dispose()
    click.echo(f"Account {username} ({role}) created.")


def _change_account(username: str, action: str, change) -> None:  # noqa: ANN001
    from ric.cli import load_settings
    from ric.store import staff
    from ric.store.db import make_engine, make_sessionmaker, session_scope
    from ric.store.errors import StoreError

    engine = make_engine(load_settings().database_url)
    try:
        with session_scope(make_sessionmaker(engine)) as session:
            account = change(session, staff)
            staff.audit(session, "cli", action, f"{account.username} {account.role}")
    except StoreError as error:
        raise click.ClickException(f"Not changed: {error.__class__.__name__} {error}") from error
    finally:
        engine.dispose()


@account_group.command("disable")
@click.argument("username")
def account_disable(username: str) -> None:
    """Disable a staff account; its open portal sessions end at once."""
    _change_account(
        username, "disable_account", lambda db, staff: staff.set_active(db, username, False)
    )
    click.echo(f"Account {username} disabled; its sessions have ended.")


@account_group.command("enable")
@click.argument("username")
def account_enable(username: str) -> None:
    """Enable a disabled staff account again."""
    _change_account(
        username, "enable_account", lambda db, staff: staff.set_active(db, username, True)
    )
    click.echo(f"Account {username} enabled.")


@account_group.command("role")
@click.argument("username")
@click.argument("role", type=click.Choice(STAFF_ROLES))
def account_role(username: str, role: str) -> None:
    """Give a staff account another role; open sessions get it at their next request."""
    _change_account(username, "change_role", lambda db, staff: staff.set_role(db, username, role))
    click.echo(f"Account {username} is now {role}.")


@click.group("knowledge")
def knowledge_group() -> None:
    """Knowledge articles and flows edited in the portal."""


@knowledge_group.command("export")
@click.option(
    "--to",
    "target",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write to (default: RIC_KNOWLEDGE_DIR).",
)
def knowledge_export(target: Path | None) -> None:
    """Write the newest portal revision of each article/flow to the files, for review in git."""
    from ric.cli import load_settings
    from ric.store import staff
    from ric.store.db import make_engine, make_sessionmaker, read_scope

    settings = load_settings()
    target = target or settings.knowledge_dir
    engine = make_engine(settings.database_url)
    written = 0
    try:
        with read_scope(make_sessionmaker(engine)) as session:
            for revision in staff.latest_revisions(session):
                folder = "articles" if revision.kind == "article" else "flows"
                path = target / folder / f"{revision.slug}.yml"
                if path.exists() and path.read_text(encoding="utf-8") == revision.new_text:
                    continue
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(revision.new_text, encoding="utf-8")
                click.echo(f"wrote {path} (revision {revision.id} by {revision.author})")
                written += 1
    finally:
        engine.dispose()
    click.echo(f"{written} file(s) written; review them with `git diff`.")


def _content_files(settings) -> list[tuple[str, Path]]:
    knowledge = settings.knowledge_dir
    return [("article", p) for p in sorted((knowledge / "articles").glob("*.yml"))] + [
        ("flow", p) for p in sorted((knowledge / "flows").glob("*.yml"))
    ]


@knowledge_group.command("translations")
def knowledge_translations() -> None:
    """List every translation that is outdated (Dutch changed since) or missing."""
    import yaml

    from ric.cli import load_settings
    from ric.content import translations

    settings = load_settings()
    found = 0
    for kind, path in _content_files(settings):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for lang in settings.languages:
            state = translations.status(data, kind, lang)
            if state != "current":
                click.echo(f"{kind} {path.stem} {lang}: {state}")
                found += 1
    click.echo(f"{found} translation(s) not current.")


@knowledge_group.command("mark-translated")
@click.argument("slugs", nargs=-1)
@click.option("--lang", "langs", multiple=True, help="Language(s) checked (default: all).")
@click.option("--all", "everything", is_flag=True, help="Every article and flow.")
def knowledge_mark_translated(slugs: tuple[str, ...], langs: tuple[str, ...], everything: bool):
    """After a translator checked a translation against today's Dutch text: mark it current."""
    import yaml

    from ric.cli import load_settings
    from ric.content import translations

    settings = load_settings()
    chosen = [lang for lang in (langs or settings.languages) if lang != "nl"]
    unknown = [lang for lang in chosen if lang not in settings.languages]
    if unknown or (not slugs and not everything):
        raise click.UsageError("Name articles or flows (or --all) and known languages.")
    files = [(k, p) for k, p in _content_files(settings) if everything or p.stem in slugs]
    missing = set(slugs) - {p.stem for _, p in files}
    if missing:
        raise click.UsageError(f"No article or flow named {', '.join(sorted(missing))}.")
    for kind, path in files:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text) or {}
        present = [lang for lang in chosen if translations.status(data, kind, lang) != "missing"]
        stamps = translations.stamped(data, kind, present).get(translations.FIELD) or {}
        new_text = translations.with_stamps_line(text, stamps)
        if new_text != text:
            path.write_text(new_text, encoding="utf-8")
            click.echo(f"{kind} {path.stem}: {', '.join(present)} marked current")
