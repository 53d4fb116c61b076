import pytest
from django.db import InterfaceError, OperationalError
from django.test import RequestFactory

from dm3p.core.views import server_error
from tests.html_tree import heading


def error_page(error: Exception) -> tuple[int, str, str | None]:
    request = RequestFactory().get("/")
    try:
        raise error
    except Exception:
        response = server_error(request)
    return response.status_code, heading(response), response.get("Retry-After")


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("connection to server at 127.0.0.1 failed"),
        InterfaceError("connection already closed"),
    ],
)
def test_server_error_database_unreachable_answers_503(error: Exception) -> None:
    assert error_page(error) == (503, "The site is briefly unavailable", "60")


def test_server_error_from_database_error_raised_as_other_answers_503() -> None:
    try:
        raise OperationalError("unable to open database file")
    except OperationalError as cause:
        wrapped = RuntimeError("a template failed")
        wrapped.__cause__ = cause
    assert error_page(wrapped) == (503, "The site is briefly unavailable", "60")


def test_server_error_other_error_answers_500() -> None:
    assert error_page(ValueError("a bug")) == (500, "Sorry, something went wrong on our side", None)
