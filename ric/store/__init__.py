"""The case store: detainees, their progress on the five conditions, tasks, help requests.

It knows nothing of Rasa or aiohttp; actions, the portal and the command line call the
query functions in :mod:`ric.store.queries` with a session from :mod:`ric.store.db`.
"""
