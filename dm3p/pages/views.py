from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from dm3p.accounts.requests import MemberRequest
from dm3p.core.access import staff_page
from dm3p.core.hooks import FRONT_PAGE_PANELS, HOME_PANELS, STAFF_HOME_PANELS, panels_for
from dm3p.core.refusals import ServiceRefusal, refusal_show
from dm3p.pages.forms import PageForm, PageImageForm
from dm3p.pages.models import Page
from dm3p.pages.selectors import (
    FRONT_PAGE_LINKS,
    page_for_viewer,
    page_images_recent,
    pages_all,
    pages_for_front_page,
)
from dm3p.pages.services import page_image_upload, page_save

HOME_SLUG = "home"


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    """The front page: what the program is, the next public gathering, what members get,
    and one way to apply."""
    pages = pages_for_front_page(viewer=request.user)
    main, aside = panels_for(FRONT_PAGE_PANELS, request)
    return render(
        request,
        "pages/home.html",
        {
            "page": pages.get(HOME_SLUG),
            "more": [pages[slug] for slug in FRONT_PAGE_LINKS if slug in pages],
            "join_page": pages.get("join"),
            "offer_page": pages.get("what-we-offer"),
            "panels": main + aside,
        },
    )


def member_home(request: MemberRequest) -> HttpResponse:
    """A signed-in person's home: what is next for them and what needs them, one panel per
    app (``HOME_PANELS``)."""
    main, aside = panels_for(HOME_PANELS, request)
    return render(request, "pages/member_home.html", {"main_panels": main, "aside_panels": aside})


@staff_page("pages.view_staff_home")
def staff_home(request: MemberRequest) -> HttpResponse:
    """Where staff land after signing in: what needs them now, one panel per app
    (``STAFF_HOME_PANELS``), each only for those whose permissions allow its work."""
    main, aside = panels_for(STAFF_HOME_PANELS, request)
    panels = sorted(main + aside, key=lambda panel: panel.quiet)  # work waiting first
    return render(request, "pages/staff_home.html", {"panels": panels})


@login_not_required
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = page_for_viewer(slug=slug, viewer=request.user)
    if page is None:
        raise Http404
    return render(request, "pages/detail.html", {"page": page})


@login_not_required
def image(request: HttpRequest, pk: int, name: str) -> FileResponse:
    page_image = get_object_or_404(page_images_recent(), pk=pk)
    return FileResponse(page_image.image.open("rb"))


@staff_page("pages.change_page")
def manage(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/manage.html", {"pages": pages_all()})


@staff_page("pages.change_page")
@require_http_methods(["GET", "POST"])
def edit(request: MemberRequest, slug: str | None = None) -> HttpResponse:
    page = get_object_or_404(pages_all(), slug=slug) if slug else Page()
    form = PageForm(request.POST if request.method == "POST" else None, instance=page)
    previewing = "preview" in request.POST
    if request.method == "POST" and form.is_valid() and not previewing:
        try:
            saved = page_save(
                actor=request.user, page=page if page.pk else None, answers=form.answers()
            )
        except ServiceRefusal as refusal:
            refusal_show(refusal, form=form)
        else:
            messages.success(request, f"“{saved.title}” is saved.")
            return redirect("pages:manage")
    preview = form.cleaned_data.get("body", "") if previewing and form.is_valid() else None
    return render(request, "pages/edit.html", {"form": form, "page": page, "preview": preview})


@staff_page("pages.change_page")
@require_http_methods(["GET", "POST"])
def images(request: MemberRequest) -> HttpResponse:
    form = PageImageForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        page_image_upload(
            actor=request.user,
            upload=form.cleaned_data["image"],
            alt_text=form.cleaned_data["alt_text"],
            is_decorative=form.cleaned_data["is_decorative"],
        )
        messages.success(request, "The image is uploaded. Copy its Markdown into a page.")
        return redirect("pages:images")
    listing = Paginator(page_images_recent(), 24).get_page(request.GET.get("page"))
    return render(request, "pages/images.html", {"form": form, "page": listing})
