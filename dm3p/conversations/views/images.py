"""Pictures in posts, served only to those who may read the post they belong to."""

import mimetypes

from django.http import Http404, HttpResponse
from django.views.decorators.cache import cache_control

from dm3p.accounts.requests import MemberRequest
from dm3p.conversations.models import Attachment
from dm3p.conversations.selectors.access import posts_visible_to
from dm3p.core.access import page_permission


@page_permission("conversations.take_part")
@cache_control(private=True, max_age=3600)
def post_image(request: MemberRequest, pk: int) -> HttpResponse:
    attachment = Attachment.objects.filter(
        pk=pk, post__in=posts_visible_to(viewer=request.user)
    ).first()
    if attachment is None:
        raise Http404
    # Pictures are checked and kept small when posted (5 MB at most), so one read is fine.
    with attachment.image.open("rb") as image:
        content = image.read()
    kind = mimetypes.guess_type(attachment.image.name or "")[0] or "application/octet-stream"
    return HttpResponse(content, content_type=kind)
