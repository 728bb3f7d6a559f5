import threading

import pytest
from django.db import connection

from assessment.models import Attempt
from assessment.services import start_attempt, submit_attempt
from profiles.services import import_framework


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submits_give_exactly_one_result(candidate, ml_data):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's concurrent connections (SQLite serialises writers)")
    attempt = start_attempt(user=candidate, version=import_framework(data=ml_data, publish=True))
    barrier, outcomes = threading.Barrier(2), []

    def submit():
        try:
            barrier.wait()
            outcomes.append(submit_attempt(attempt=Attempt.objects.get(pk=attempt.pk)))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [False, True]
    attempt.refresh_from_db()
    assert attempt.status == "submitted" and attempt.result is not None
