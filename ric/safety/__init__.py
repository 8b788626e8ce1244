"""Crisis detection: every message is checked before the assistant does anything else.

Three layers, any of which raises the alarm: the normalised text (ric.normalise)
with harmless idioms removed, the phrase lists per language (ric.safety.phrases) and a
semantic check against crisis examples in all five languages (ric.safety.semantic). The
category (suicide, harm_others, threatened) chooses the response.
"""
