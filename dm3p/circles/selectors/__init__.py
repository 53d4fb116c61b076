"""Reads for circles, by subject: breakout rooms, rounds and their entries, circles and
their life, the organizers' round pages, a member's circle page, and the adapter to the
matching engine (engine.py, the one module that imports it)."""
