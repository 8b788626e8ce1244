"""Measuring the assistant as a detainee meets it (held-out sets, end to end)."""
