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


class BookingError(StoreError):
    """Base of the reasons a booking or cancellation is refused."""


class SessionNotFound(BookingError):
    """No such spreekuur (or its partner is not active)."""


class SessionCancelled(BookingError):
    """Staff cancelled this spreekuur."""


class SessionFull(BookingError):
    """Every place of the spreekuur is taken."""


class SessionInPast(BookingError):
    """The spreekuur has already started or is over."""


class TooLateToBook(BookingError):
    """The spreekuur starts within the booking cut-off."""


class AlreadyBooked(BookingError):
    """The detainee already has a place in this spreekuur."""


class PartnerLimitReached(BookingError):
    """The detainee already holds the maximum of future bookings with this partner."""


class BookingNotFound(BookingError):
    """No such booking of this detainee, or it can no longer be changed."""


class NotOffered(BookingError):
    """The assistant did not offer this spreekuur to this detainee recently (or it was not
    the one chosen); whatever the conversation's slots say."""


class PartnerNotFound(StoreError):
    """No partner with this id or name."""
