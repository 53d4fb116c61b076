from django.db import models


class PageLocation(models.TextChoices):
    MAIN = "main", "Main menu at the top"
    FOOTER = "footer", "Links at the bottom of every page"
    NONE = "none", "No menu (reached by links only)"
