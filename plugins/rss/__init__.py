"""Built-in channel plugin `rss` (in progress)."""
