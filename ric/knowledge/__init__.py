"""Answering brochure questions from the articles in knowledge/articles."""
