from django.conf import settings
from django.db import models

from dm3p.pages.enums import PageLocation


class Page(models.Model):
    """A public page written in Markdown by organizers (about, join, code of conduct...)."""

    slug = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=120)
    body = models.TextField(blank=True)
    location = models.CharField(max_length=10, choices=PageLocation, default=PageLocation.NONE)
    menu_order = models.PositiveSmallIntegerField(default=50)
    is_published = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["menu_order", "title"]

    def __str__(self) -> str:
        return self.title


class PageImage(models.Model):
    """An image organizers can use in pages. It has alt text, or is marked decorative."""

    image = models.ImageField(upload_to="pages/")
    alt_text = models.CharField(max_length=300, blank=True)
    is_decorative = models.BooleanField(default=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(alt_text="") | models.Q(is_decorative=True),
                name="page_image_has_alt_text_or_is_decorative",
            )
        ]

    def __str__(self) -> str:
        return self.alt_text or f"Decorative image {self.pk}"


class StartingPageGiven(models.Model):
    """A starting page (``dm3p.pages.defaults``) this site has been given once. Setup adds a
    starting page the site was never given (a site made before that page was written gets
    it), and never again once given: organizers may rename, hide or delete it."""

    slug = models.SlugField(max_length=60, unique=True)
    given_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.slug
