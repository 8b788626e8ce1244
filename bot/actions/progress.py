"""Progress on the five conditions and the detainee's tasks."""

from __future__ import annotations

from bot.actions.base import AssistantAction, Turn
from bot.actions.booking import spreekuur
from bot.actions.conditions import open_task_counts, reask
from ric.protocol import booking_of_task_key
from ric.store import queries
from ric.store.errors import TaskNotFound
from ric.store.models import Booking, Task

OPEN_STATUSES = ("in_progress", "not_started")


def next_condition(statuses: dict[str, str]) -> str | None:
    """The most useful condition to work on: one in progress first, else one not started."""
    for wanted in OPEN_STATUSES:
        for condition, status in statuses.items():
            if status == wanted:
                return condition
    return None


def task_item(turn: Turn, task: Task) -> dict:
    """The parameters of a task for a reply; a spreekuur task carries its spreekuur."""
    item = {
        "id": task.id,
        "condition": task.condition,
        "key": task.key,
        "title": task.title,
        "due": task.due_date.isoformat() if task.due_date else None,
    }
    booking_id = booking_of_task_key(task.key)
    if booking_id is not None:
        placed = turn.session.get(Booking, booking_id)
        if placed is not None:
            item["spreekuur"] = spreekuur(placed.session, placed)
    return item


class ActionProgress(AssistantAction):
    """Shows the five conditions with their status and the single most useful next step."""

    action_name = "action_progress"

    def act(self, turn: Turn) -> None:
        rows = queries.condition_statuses(turn.session, turn.detainee)
        statuses = {condition: row.status for condition, row in rows.items()}
        open_tasks = queries.list_tasks(turn.session, turn.detainee)
        condition = next_condition(statuses)
        turn.say(
            "progress",
            statuses=statuses,
            next_condition=condition,
            next_task=task_item(turn, open_tasks[0]) if open_tasks and condition is None else None,
            open_tasks=open_task_counts(turn),
        )
        reask(turn)


class ActionMyTasks(AssistantAction):
    """Lists the open tasks, each with a button to mark it done."""

    action_name = "action_my_tasks"

    def act(self, turn: Turn) -> None:
        tasks = queries.list_tasks(turn.session, turn.detainee)
        turn.say("tasks", items=[task_item(turn, task) for task in tasks])
        reask(turn)


def complete_task(turn: Turn, value: str) -> None:
    """Marks one of the user's own tasks done (a task of someone else is 'not found')."""
    try:
        task = queries.complete_task(turn.session, turn.detainee, int(value))
    except (ValueError, TaskNotFound):
        turn.say("task_not_found")
        return
    turn.say("task_done", condition=task.condition, key=task.key, title=task.title)
