"""The transcript from Rasa's own SQL tracker store: button titles, replies, not understood."""

import asyncio
import datetime as dt

from ric.replies import render
from ric.store import staff
from ric.store.db import read_scope, session_scope

NOW = dt.datetime.now(dt.timezone.utc).timestamp()
EARLIER = NOW - 3 * 24 * 3600  # three days before: for the date filters
YES = '/choose{"choice":"flow:id:has_id:yes"}'


def user(text, intent, confidence=1.0, at=NOW, language="tr"):
    """A user event as Rasa stores it: the text (or payload), parse data and the metadata
    the portal sends (the session's language)."""
    from rasa.shared.core.events import UserUttered

    parsed = {"intent": {"name": intent, "confidence": confidence}, "entities": []}
    return UserUttered(
        text,
        intent=parsed["intent"],
        parse_data=parsed,
        metadata={"language": language},
        timestamp=at,
    )


def bot(text, key, params=None, buttons=(), custom=None, at=NOW, lang="tr"):
    """A bot event as Rasa stores an action's reply: key, language and parameters in the
    metadata, the rendered buttons (title and payload) in the data."""
    from rasa.shared.core.events import BotUttered

    data = {"buttons": [{"title": t, "payload": p} for t, p in buttons] or None}
    if custom:
        data["custom"] = custom
    return BotUttered(
        text,
        data=data,
        metadata={"utter_action": key, "lang": lang, "params": params or {}},
        timestamp=at,
    )


def conversation():
    """A Turkish conversation: a flow question answered by button, an article, a question the
    assistant could not answer, a fallback, a safety message and the staff button."""
    return [
        user("/condition_id", "condition_id", at=EARLIER),
        bot("Geçerli kimlik ve DigiD.", "flow_intro", {"condition": "id"}, at=EARLIER + 1),
        bot(
            "Geçerli bir pasaportun veya kimlik kartın var mı?",
            "flow_step",
            {"condition": "id", "step": "has_id", "booking_offers": []},
            buttons=[("Evet", YES), ("Hayır", '/choose{"choice":"flow:id:has_id:no"}')],
            at=EARLIER + 2,
        ),
        user('/choose{"choice": "flow:id:has_id:yes"}', "choose", at=NOW - 60),  # other spacing
        bot(
            "Kimliğin hâlâ geçerli mi?",
            "flow_step",
            {"condition": "id", "step": "still_valid"},
            at=NOW - 59,
        ),
        user("digid nasıl alırım", "faq", 0.93, at=NOW - 50),
        bot("DigiD ...", "article", {"slug": "digid", "part": "answer"}, at=NOW - 49),
        user("kedi ve köpek", "faq", 1.0, at=NOW - 40),
        bot("Bunu bilmiyorum.", "dont_know", at=NOW - 39),
        user("asdf qwer", "nlu_fallback", 0.31, at=NOW - 30),
        bot("Sana nasıl yardım edebilirim?", "anything_else", at=NOW - 29),
        user("ölmek istiyorum", "safety", 0.97, at=NOW - 20),
        bot(
            "Yazdığın şey önemli.",
            "safety",
            {"category": "suicide"},
            custom={"safety": "suicide"},
            at=NOW - 19,
        ),
        user("/human_handoff", "human_handoff", at=NOW - 10),
        bot("Sorunu ilettim.", "handoff", {"open_requests": 1}, at=NOW - 9),
    ]


def save(tracker_store, sender, events):
    from rasa.shared.core.trackers import DialogueStateTracker

    asyncio.run(tracker_store.save(DialogueStateTracker.from_events(sender, events)))


def test_a_button_press_reads_as_the_title_the_detainee_saw_in_its_language(
    tracker_store, sessions
):
    """The payload is matched to the buttons the bot message before it offered."""
    save(tracker_store, "T100", conversation())
    with read_scope(sessions) as db:
        turns = staff.transcript(db, "T100")
    pressed = next(t for t in turns if t.payload and "has_id" in t.payload)
    assert pressed.text == "Evet" and pressed.titled and pressed.language == "tr"
    assert pressed.button and not pressed.nlu_decided and not pressed.flagged
    assert turns[0].button and not turns[0].titled  # /condition_id: no message offered it here


def test_the_offering_message_before_the_period_still_names_the_button(tracker_store, sessions):
    save(tracker_store, "T101", conversation())
    start = dt.datetime.utcfromtimestamp(NOW - 100)
    with read_scope(sessions) as db:
        turns = staff.transcript(db, "T101", start=start)
    assert turns[0].side == "user" and turns[0].text == "Evet"
    assert all(t.at >= start for t in turns)


def test_bot_turns_keep_their_reply_key_parameters_and_language(tracker_store, sessions):
    save(tracker_store, "T102", conversation())
    with read_scope(sessions) as db:
        turns = staff.transcript(db, "T102")
    step = next(t for t in turns if t.reply_key == "flow_step")
    assert step.params["step"] == "has_id" and step.language == "tr"
    assert step.buttons == ["Evet", "Hayır"]
    assert next(t for t in turns if t.reply_key == "safety").custom == {"safety": "suicide"}


def test_not_understood_is_what_the_assistant_could_not_answer(tracker_store, sessions):
    """A fallback without an answer, and a confident intent answered with 'I don't know'."""
    save(tracker_store, "T103", conversation())
    with read_scope(sessions) as db:
        turns = {t.text: t for t in staff.transcript(db, "T103") if t.side == "user"}
    assert turns["kedi ve köpek"].not_understood and not turns["kedi ve köpek"].nlu_decided
    assert turns["asdf qwer"].not_understood and turns["asdf qwer"].flagged
    assert turns["digid nasıl alırım"].nlu_decided and not turns["digid nasıl alırım"].flagged
    assert not turns["ölmek istiyorum"].not_understood


def test_a_fallback_answered_from_an_article_counts_as_understood(tracker_store, sessions):
    save(
        tracker_store,
        "T104",
        [
            user("iets over digid", "nlu_fallback", 0.2),
            bot("DigiD ...", "article", {"slug": "digid"}),
        ],
    )
    with read_scope(sessions) as db:
        (asked, _answer) = staff.transcript(db, "T104")
    assert not asked.not_understood and asked.flagged  # answered, but the NLU was unsure


def test_only_not_understood_keeps_those_messages_with_the_replies_to_them(tracker_store, sessions):
    save(tracker_store, "T105", conversation())
    with read_scope(sessions) as db:
        turns = staff.transcript(db, "T105", not_understood_only=True)
    assert [(t.side, t.text) for t in turns] == [
        ("user", "kedi ve köpek"),
        ("bot", "Bunu bilmiyorum."),
        ("user", "asdf qwer"),
        ("bot", "Sana nasıl yardım edebilirim?"),
    ]


def test_the_end_of_the_period_leaves_out_later_messages(tracker_store, sessions):
    save(tracker_store, "T106", conversation())
    with read_scope(sessions) as db:
        turns = staff.transcript(db, "T106", end=dt.datetime.utcfromtimestamp(NOW - 100))
    assert [t.reply_key for t in turns if t.side == "bot"] == ["flow_intro", "flow_step"]


def test_the_reply_keys_the_transcript_relies_on_are_registered_replies():
    """NOT_UNDERSTOOD_REPLIES and ANSWERING_REPLIES name replies that exist (ric.replies)."""
    render._load_reply_modules()
    assert staff.NOT_UNDERSTOOD_REPLIES | staff.ANSWERING_REPLIES <= set(render.REGISTRY)


def test_odd_events_do_not_break_the_transcript(sessions, tracker_store):
    """Broken JSON, missing fields and non-dict parts read as empty."""
    from sqlalchemy import text

    save(tracker_store, "T107", [user("hallo", "greet")])
    with session_scope(sessions) as db:
        for raw in ("not json", "[]", '{"metadata": 5, "parse_data": "x", "data": []}'):
            db.execute(
                text(
                    "INSERT INTO events (sender_id, type_name, timestamp, data) "
                    "VALUES ('T107', 'bot', :t, :d)"
                ),
                {"t": NOW, "d": raw},
            )
    with read_scope(sessions) as db:
        turns = staff.transcript(db, "T107")
    assert len(turns) == 4 and all(t.reply_key is None for t in turns[1:])
