"""Rasa graph components of the assistant's NLU pipeline (named in config.yml)."""
