"""Content from `knowledge/`: guided flows and articles, validated and loaded."""
