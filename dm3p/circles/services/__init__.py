"""Writes for circles, by subject: breakout rooms, rounds and sign-up, matching and the
draft until it is published, and circle life (notes, check-ins). They refuse with the
refusals in refusals.py; work for later (e-mails, matching runs) is queued by the views."""
