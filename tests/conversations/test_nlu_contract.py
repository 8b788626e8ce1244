"""The NLU contract: the intent names other parts rely on, for realistic messages."""

from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.rasa
STORIES = Path(__file__).parent / "stories"


def _story_messages():
    for path in sorted(STORIES.glob("*.yml")):
        for story in yaml.safe_load(path.read_text(encoding="utf-8"))["stories"]:
            for step in story["steps"]:
                if "user" in step and not step["user"].startswith("/"):
                    yield step["user"].strip(), step["intent"]


@pytest.mark.parametrize("text,intent", list(_story_messages()))
def test_test_story_messages_reach_their_intent(bot, text, intent):
    """Every typed message of the test stories is understood as the story says."""
    assert bot.parse(text)["intent"]["name"] == intent


CONTRACT = {
    "greet": "goedemorgen",
    "goodbye": "ik ga weer, later",
    "affirm": "ja prima",
    "deny": "nee hoor",
    "thank": "dankjewel",
    "help": "hoe werkt dit ding",
    "stop": "hou maar op",
    "out_of_scope": "wat is het weer morgen",
    "human_handoff": "kan ik met iemand van het ric praten",
    "change_language": "andere taal alsjeblieft",
    "condition_id": "mijn paspoort is verlopen",
    "condition_housing": "ik weet niet waar ik moet slapen na de bajes",
    "condition_income": "ik heb geen geld als ik buiten kom",
    "condition_debts": "ik heb overal schulden",
    "condition_care": "ik heb geen zorgverzekering",
    "progress": "hoe ver ben ik",
    "my_tasks": "laat mijn taken zien",
    "book_appointment": "ik wil een afspraak met het uwv",
    "my_appointments": "welke afspraken heb ik",
    "cancel_appointment": "afspraak annuleren",
}


@pytest.mark.parametrize("intent,text", sorted(CONTRACT.items()))
def test_every_contract_intent_is_predicted(bot, intent, text):
    """POST /model/parse serves this model: each contract intent name is returned."""
    assert bot.parse(text)["intent"]["name"] == intent
