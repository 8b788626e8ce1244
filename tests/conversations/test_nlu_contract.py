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


# Messages written apart from the training data, three per contract intent.
CONTRACT = {
    "greet": ["goedemorgen", "hallo daar", "hey hoe gaat ie"],
    "goodbye": ["ik ga weer, later", "tot de volgende keer", "doei doei"],
    "affirm": ["ja prima", "yes is goed", "klopt helemaal"],
    "deny": ["nee hoor", "nee dat heb ik niet", "nope"],
    "thank": ["dankjewel", "thanks man", "top bedankt voor je hulp"],
    "help": ["hoe werkt dit ding", "wat kan jij allemaal", "ik snap er niks van"],
    "stop": ["hou maar op", "stop ermee", "laat maar zitten"],
    "out_of_scope": ["wat is het weer morgen", "wie wint het wk", "vertel een mop"],
    "human_handoff": [
        "kan ik met iemand van het ric praten",
        "ik wil een echt mens",
        "roep een medewerker",
    ],
    "change_language": [
        "andere taal alsjeblieft",
        "kan het in het turks",
        "ik wil in het engels verder",
    ],
    "condition_id": [
        "mijn paspoort is verlopen",
        "ik heb geen id kaart meer",
        "ik moet mijn legitimatie regelen",
    ],
    "condition_housing": [
        "ik weet niet waar ik moet wonen na de bajes",
        "ik heb straks geen huis",
        "ik wil mijn woonplek regelen",
    ],
    "condition_income": [
        "ik heb geen geld als ik buiten kom",
        "ik wil werk regelen",
        "ik heb straks geen inkomen",
    ],
    "condition_debts": [
        "ik heb overal schulden",
        "ik wil van mijn schulden af",
        "ik heb veel rekeningen open staan",
    ],
    "condition_care": [
        "ik heb geen zorgverzekering",
        "ik wil mijn zorg regelen",
        "ik heb medicijnen nodig als ik vrijkom",
    ],
    "progress": ["hoe ver ben ik", "laat mijn voortgang zien", "hoe sta ik er nu voor"],
    "my_tasks": ["laat mijn taken zien", "wat staat er nog open voor mij", "mijn to do"],
    "book_appointment": [
        "ik wil een afspraak met het uwv",
        "spreekuur plannen",
        "ik wil naar de schuldhulp",
    ],
    "my_appointments": [
        "welke afspraken heb ik",
        "wanneer moet ik naar het spreekuur",
        "laat mijn afspraken zien",
    ],
    "cancel_appointment": [
        "afspraak annuleren",
        "ik kan niet naar mijn afspraak",
        "mijn spreekuur afzeggen",
    ],
}


def test_every_contract_intent_is_predicted(bot, report):
    """POST /model/parse serves this model: each contract intent name is returned for
    messages the model never saw (most of them; overall at least 90%)."""
    wrong = {}
    total = right = 0
    for intent, texts in CONTRACT.items():
        predicted = [bot.parse(text)["intent"]["name"] for text in texts]
        hits = sum(p == intent for p in predicted)
        total += len(texts)
        right += hits
        if hits < 2:
            wrong[intent] = predicted
    report(f"NLU contract intents, unseen Dutch messages: {right}/{total} = {right / total:.3f}")
    assert wrong == {}
    assert right / total >= 0.9
