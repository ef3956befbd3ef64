"""Built-in channel plugin `talents_region` (in progress)."""
