"""Personal data by design: redaction of typed messages, retention, inzage and erasure.

Pure, store-level code: it imports neither Rasa nor aiohttp (docs/privacy.md).
"""
