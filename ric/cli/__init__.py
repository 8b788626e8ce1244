"""The `ric` command line: run the assistant, train, migrate, seed, manage the case store."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import click

from ric import settings as settings_module
from ric.settings import SettingsError


def load_settings() -> settings_module.Settings:
    """The settings, or a clear message (not a traceback) when a variable is wrong."""
    try:
        return settings_module.load()
    except SettingsError as error:
        raise click.ClickException(str(error)) from error


class FriendlyGroup(click.Group):
    """Turns database problems into one clear sentence instead of a traceback."""

    def invoke(self, ctx: click.Context):  # noqa: ANN201
        from sqlalchemy.exc import OperationalError, ProgrammingError

        try:
            return super().invoke(ctx)
        except (OperationalError, ProgrammingError) as error:
            reason = str(error.orig).splitlines()[0] if error.orig else str(error)
            raise click.ClickException(
                f"The case store could not be used ({reason}). Check DATABASE_URL and run "
                "`ric db upgrade` (or `make migrate`)."
            ) from error


@click.group(cls=FriendlyGroup)
def main() -> None:
    """RIC assistant: the re-integration assistant for Dutch prisons."""


@main.command("settings")
def show_settings() -> None:
    """List every setting (environment variable), its default and what it does."""
    click.echo(settings_module.describe())


@main.group()
def db() -> None:
    """The case store's database."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply all database migrations."""
    from ric.store.migrate import upgrade

    settings = load_settings()
    upgrade(settings.database_url)
    click.echo("Database is up to date.")


@main.command()
def seed() -> None:
    """Add the synthetic demo data (idempotent)."""
    for line in seed_demo(load_settings()):
        click.echo(line)


def seed_demo(settings: settings_module.Settings) -> list[str]:
    """Seeds the demo data; returns lines describing the demo logins."""
    from ric import demo
    from ric.store.db import make_engine, make_sessionmaker, session_scope

    engine = make_engine(settings.database_url)
    try:
        with session_scope(make_sessionmaker(engine)) as session:
            demo.seed_detainees(session, settings.ric_default_pi, dt.date.today())
            demo.seed_spreekuren(
                session, settings.ric_default_pi, dt.date.today(), settings.ric_timezone
            )
            demo.seed_staff(session, settings.ric_default_pi)
    finally:
        engine.dispose()
    return [
        f"  detainee {d.reg_number} ({d.display_name}, {d.language}), PIN {d.pin}"
        for d in demo.DEMO_DETAINEES
    ] + [
        f"  {role} (staff pages /staff/login): user {username}, password {password}"
        for username, role, _name, password in demo.DEMO_STAFF
    ]


@main.command()
@click.option("--force", is_flag=True, help="Train even when nothing changed.")
def train(force: bool) -> None:
    """Train the Rasa model when training data or config changed."""
    from ric.training import train as train_model

    settings = load_settings()
    try:
        model, trained = train_model(Path(settings.ric_models_dir), force=force)
    except subprocess.CalledProcessError as error:
        raise click.ClickException("Training failed; see the output above.") from error
    click.echo(f"{'Trained' if trained else 'Up to date'}: {model}")


@main.command()
def endpoints() -> None:
    """Write Rasa's endpoints file (var/endpoints.yml) from the settings."""
    from ric.rasa_endpoints import write_endpoints

    settings = load_settings()
    click.echo(write_endpoints(settings, settings.var_dir / "endpoints.yml"))


@main.command()
def actions() -> None:
    """Run only the action server (on ACTION_HOST; every call needs ACTION_SECRET)."""
    from ric.action_server import run as run_actions

    settings = load_settings()
    try:
        run_actions(settings)
    except SettingsError as error:
        raise click.ClickException(str(error)) from error


def run_secrets(settings: settings_module.Settings) -> dict[str, str]:
    """Random per-run values for the shared secrets still at their published default, outside
    development; `ric run` hands them to its children through the environment."""
    import secrets

    if settings.ric_development:
        return {}
    names = (*settings_module.SERVICE_SECRETS, "RASA_TOKEN")
    return {
        name: secrets.token_urlsafe(32)
        for name in names
        if settings_module.is_default(settings, name)
    }


def development_secret(path: Path) -> str:
    """The portal secret of this machine's demo stack: read from `path`, made on first run
    (random, 64 characters, file mode 0600). Used by `ric run` when PORTAL_SECRET is unset."""
    import secrets

    if path.exists():
        value = path.read_text(encoding="utf-8").strip()
        if len(value) >= 32:
            return value
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(48)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(value + "\n")
    os.chmod(path, 0o600)
    return value


@main.command()
def portal() -> None:
    """Run only the portal (kiosk, staff and editor pages)."""
    from ric.portal.app import main as run_portal

    run_portal()


@main.command()
def run() -> None:
    """Migrate, seed, train when needed, and run Rasa and the action server until Ctrl-C."""
    from ric.cli.supervisor import Service, bin_path, start, supervise, wait_ready
    from ric.rasa_endpoints import (
        action_address,
        open_rest_channel,
        write_credentials,
        write_endpoints,
    )
    from ric.store.migrate import upgrade
    from ric.training import train as train_model

    settings = load_settings()
    os.environ.update(run_secrets(settings))  # the children inherit them (supervisor)
    if "PORTAL_SECRET" not in os.environ:  # the portal refuses the published default
        secret_file = settings.var_dir / "portal_secret"
        os.environ["PORTAL_SECRET"] = development_secret(secret_file)
        click.echo(f"==> Portal secret: {secret_file} (made on first run, mode 0600)")
    settings = load_settings()
    click.echo("==> Migrating the case store")
    upgrade(settings.database_url)
    click.echo("==> Seeding synthetic demo data")
    logins = seed_demo(settings)
    click.echo("==> Checking the model (trains only when data or config changed)")
    try:
        model, trained = train_model(Path(settings.ric_models_dir))
    except subprocess.CalledProcessError as error:
        raise click.ClickException("Training failed; see the output above.") from error
    click.echo(f"    {'trained' if trained else 'up to date'}: {model.name}")
    endpoints_file = write_endpoints(settings, settings.var_dir / "endpoints.yml")
    credentials_file = write_credentials(settings, settings.var_dir / "credentials.yml")
    rasa_url = f"http://{settings.rasa_host}:{settings.rasa_port}"
    action_url = f"http://{action_address(settings)}:{settings.action_port}"
    services = [
        Service(
            "actions",
            [bin_path("ric"), "actions"],
            f"{action_url}/health",
        ),
        Service(
            "portal",
            [bin_path("ric"), "portal"],
            f"http://{settings.portal_host}:{settings.portal_port}/",
        ),
        Service(
            "rasa",
            [
                bin_path("rasa"),
                "run",
                "--model",
                str(model),
                "--endpoints",
                str(endpoints_file),
                "--credentials",
                str(credentials_file),
                "--enable-api",
                "--auth-token",
                settings.rasa_token,
                "--interface",
                settings.rasa_host,
                "--port",
                str(settings.rasa_port),
            ],
            f"{rasa_url}/",
        ),
    ]
    click.echo("==> Starting the action server, the portal and Rasa (about a minute)")
    for service in services:
        start(service, settings.var_dir / "logs")
    failed = wait_ready(services, timeout=300)
    if failed:
        from ric.cli.supervisor import stop

        stop(services)
        raise click.ClickException(
            f"{', '.join(failed)} did not start; see var/logs/{failed[0]}.log"
        )
    from ric.cli.privacy import start_daily_purge

    click.echo("==> Retention job (ric privacy purge) runs now and then every 24 hours")
    start_daily_purge(settings, click.echo)
    click.echo("")
    click.echo("The RIC assistant is running (Ctrl-C stops everything):")
    click.echo(f"  Kiosk (RIC terminal) http://{settings.portal_host}:{settings.portal_port}/")
    click.echo(f"  Rasa signed channel {rasa_url}/webhooks/ric/webhook (the portal's way in)")
    if open_rest_channel(settings):
        click.echo(f"  Rasa REST channel  {rasa_url}/webhooks/rest/webhook (development only)")
    click.echo(f"  Rasa NLU parse     {rasa_url}/model/parse?token={settings.rasa_token}")
    click.echo(f"  Action server      {action_url}/health (calls need ACTION_SECRET)")
    click.echo("Demo logins (synthetic people; registration number + PIN at the kiosk):")
    for line in logins:
        click.echo(line)
    if open_rest_channel(settings):
        click.echo(
            "DEVELOPMENT MODE: Rasa's open REST channel is on (127.0.0.1 only), unknown "
            "senders become detainees. Never use this on a RIC terminal network."
        )
        click.echo(
            "Try it:  curl -s -X POST "
            f'{rasa_url}/webhooks/rest/webhook -d \'{{"sender": "DEMO001", '
            '"message": "hoi"}\''
        )
    else:
        click.echo(
            "Production mode: no open REST channel; Rasa takes only messages the portal "
            "signed (set RIC_DEVELOPMENT=true for the development stack)."
        )
    sys.exit(supervise(services))


def _register_groups() -> None:
    from ric.cli.detainees import detainee_group
    from ric.cli.privacy import privacy_group
    from ric.cli.safety import safety_group
    from ric.cli.spreekuren import partner_group, session_group
    from ric.cli.staff import account_group, knowledge_group

    main.add_command(account_group)
    main.add_command(knowledge_group)

    main.add_command(detainee_group)
    main.add_command(partner_group)
    main.add_command(session_group)
    main.add_command(privacy_group)
    main.add_command(safety_group)


_register_groups()

if __name__ == "__main__":
    main()
