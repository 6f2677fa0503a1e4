"""The template engine: registry, seeds, pinning, answer types, rendering."""
