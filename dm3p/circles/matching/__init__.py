"""Forming mutual-mentorship circles and breakout rooms (MATCHING.md).

Plain Python, no Django: the web app builds the JSON input from the database, calls
`match_circles` / `assign_rooms` (or the command line), and stores the output as a draft.
"""
