"""RIC assistant: case store, content, replies and portal of the re-integration assistant."""
