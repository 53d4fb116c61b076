"""The membership pages, by subject (see urls)."""
