from django.db import models


class RequestStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    ARRANGING = "arranging", "Being arranged"
    CONFIRMED = "confirmed", "Confirmed"
    PROVIDED = "provided", "Provided"
    NOT_POSSIBLE = "not_possible", "Not possible"


OPEN_STATUSES = [RequestStatus.RECEIVED, RequestStatus.ARRANGING]
