"""Named domain errors raised by the store; callers turn them into plain words."""


class StoreError(Exception):
    """Base class of every error the case store raises on purpose."""


class DetaineeNotFound(StoreError):
    """No detainee has this registration number."""


class TaskNotFound(StoreError):
    """The task does not exist or belongs to someone else."""


class UnknownCondition(StoreError):
    """The name is not one of the five basic conditions."""


class InvalidStatus(StoreError):
    """The status is not one the store knows."""
