"""Pages of circles, by subject: breakout rooms, members' sign-up, organizers' rounds,
circle life."""
