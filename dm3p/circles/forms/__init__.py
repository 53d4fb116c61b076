"""Forms for circles, by subject: breakout rooms, rounds and sign-up, circle life."""
