"""Inside `replica_reads()` the ORM reads through the `replica` connection, and not the primary's: here
the replica is a second connection to the test database, as a streaming replica is a second database
with the same rows. (Its own module: the alias must exist before the test's databases are set up.)"""

from __future__ import annotations

import copy
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.db import connections
from django.test.utils import CaptureQueriesContext

from panjereh.agencies.models import Agency
from panjereh.core.replica import replica_reads


@pytest.fixture(scope="module", autouse=True)
def replica() -> Iterator[str]:
    connections.settings["replica"] = copy.deepcopy(connections.settings["default"])
    settings.DATABASES["replica"] = connections.settings["replica"]
    yield "replica"
    connections["replica"].close()
    del connections["replica"]
    connections.settings.pop("replica", None)
    settings.DATABASES.pop("replica", None)


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_read_inside_goes_through_the_replicas_connection(replica: str) -> None:
    Agency.objects.create(code="sabt", name="سازمان ثبت اسناد و املاک")
    there, here = CaptureQueriesContext(connections[replica]), CaptureQueriesContext(connections["default"])
    with there, here, replica_reads():
        assert list(Agency.objects.values_list("code", flat=True)) == ["sabt"]
    assert len(there.captured_queries) == 1 and "agencies_agency" in there.captured_queries[0]["sql"]
    assert here.captured_queries == []
    with here:
        Agency.objects.filter(code="sabt").update(name="ثبت")  # a write: the primary, inside or not
    assert len(here.captured_queries) == 1
