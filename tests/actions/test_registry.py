"""Which actions rasa-sdk serves from bot.actions."""

import yaml
from rasa_sdk.executor import ActionExecutor

from ric.settings import ROOT


def test_every_registered_action_has_a_name_and_is_in_the_domain():
    executor = ActionExecutor()
    executor.register_package("bot.actions")
    domain = yaml.safe_load((ROOT / "bot" / "domain.yml").read_text(encoding="utf-8"))

    served = set(executor.actions)

    assert "" not in served  # the abstract base class is not an action
    assert served == {a for a in domain["actions"] if a.startswith("action_")}
