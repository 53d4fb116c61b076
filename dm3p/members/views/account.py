"""A person's own data: seeing it, downloading it, and deleting the account."""

from django.contrib.auth import logout
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from dm3p.accounts.requests import MemberRequest
from dm3p.core.refusals import ServiceRefusal, refusal_show
from dm3p.members.forms import (
    DeleteAccountForm,
)
from dm3p.members.personal_data import personal_data_export
from dm3p.members.services import account_delete


def my_data(request: MemberRequest) -> HttpResponse:
    return render(request, "members/my_data.html", {"sections": personal_data_export(request.user)})


def my_data_json(request: MemberRequest) -> HttpResponse:
    response = JsonResponse(
        personal_data_export(request.user), json_dumps_params={"indent": 2, "ensure_ascii": False}
    )
    response["Content-Disposition"] = 'attachment; filename="my-dm3p-data.json"'
    return response


@require_http_methods(["GET", "POST"])
def delete_account(request: MemberRequest) -> HttpResponse:
    form = DeleteAccountForm(
        request.POST if request.method == "POST" else None, email=request.user.email
    )
    if request.method == "POST" and form.is_valid():
        try:
            account_delete(user=request.user, answers=form.deletion_answers())
        except ServiceRefusal as refusal:
            refusal_show(refusal, form=form)
        else:
            logout(request)
            return render(request, "members/account_deleted.html")
    return render(request, "members/delete_account.html", {"form": form})
