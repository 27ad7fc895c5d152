"""The shared access-test helper that every view and endpoint test uses.

`assert_access()` walks the five cases of the house rules: anonymous, logged in with
no role, a role in another region (404), permitted, and an audit entry after a write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.test import Client

from samverka.core.models import AuditEntry


@dataclass
class AccessResult:
    """What the permitted request returned, for further assertions."""

    response: Any
    audit_entries: list[AuditEntry]


def _client() -> Client:
    """A client that reads pages in the settings' language (English in the tests), so
    that a region's own language does not decide what a test can assert on."""
    from django.conf import settings

    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = settings.LANGUAGE_CODE
    return client


def _request(client: Client, method: str, url: str, data: Any, api: bool) -> Any:
    if method == "get":
        return client.get(url, data or {})
    if api:
        return getattr(client, method)(url, data or {}, content_type="application/json")
    return getattr(client, method)(url, data or {})


def assert_access(
    url: str,
    *,
    permitted: Any,
    no_role: Any,
    other_region: Any | None,
    method: str = "get",
    data: Any = None,
    data_factory: Callable[[], Any] | None = None,
    expect: int | tuple[int, ...] = (200, 302),
    audit_action: str | None = None,
    api: bool = False,
    public: bool = False,
    no_role_status: int = 403,
) -> AccessResult:
    """Check who may open `url`.

    - anonymous: a redirect to the login page (pages) or 401/403 (API); public pages 200
    - `no_role` (logged in, no staff role; `no_role_status`, usually 403)
    - `other_region` (a role in another region only): 404
    - `permitted`: `expect`, and for writes an audit entry `audit_action`

    For writes, `data_factory` makes fresh data for each attempt so that a refused
    request cannot make the permitted one fail for the wrong reason.
    """
    expected = (expect,) if isinstance(expect, int) else expect

    def payload() -> Any:
        return data_factory() if data_factory else data

    before = AuditEntry.objects.count()
    anonymous = _request(_client(), method, url, payload(), api)
    if public:
        assert anonymous.status_code in expected, f"anonymous: {anonymous.status_code}"
    elif api:
        assert anonymous.status_code in (401, 403), (
            f"anonymous API: {anonymous.status_code}"
        )
    else:
        assert anonymous.status_code == 302, f"anonymous: {anonymous.status_code}"
        assert "/accounts/login/" in anonymous["Location"], anonymous["Location"]

    if no_role is not None:
        client = _client()
        client.force_login(no_role)
        response = _request(client, method, url, payload(), api)
        assert response.status_code == no_role_status, (
            f"no role: {response.status_code}"
        )

    if other_region is not None:
        client = _client()
        client.force_login(other_region)
        response = _request(client, method, url, payload(), api)
        assert response.status_code == 404, f"other region: {response.status_code}"

    if method != "get" and not public:
        assert AuditEntry.objects.count() == before, (
            "a refused request wrote an audit entry"
        )

    client = _client()
    client.force_login(permitted)
    mark = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = _request(client, method, url, payload(), api)
    assert response.status_code in expected, (
        f"permitted: {response.status_code} {getattr(response, 'content', b'')[:500]!r}"
    )
    entries = list(AuditEntry.objects.filter(id__gt=mark).order_by("id"))
    if audit_action is not None:
        actions = [e.action for e in entries]
        assert audit_action in actions, f"no {audit_action} audit entry, got {actions}"
        assert all(
            e.actor_id == permitted.pk for e in entries if e.action == audit_action
        )
    return AccessResult(response=response, audit_entries=entries)


#: The axe-core rule tags for WCAG 2.1 level A and AA.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def assert_no_axe_violations(page: Any) -> None:
    """Run axe-core on a Playwright page and fail with its report on any WCAG 2.1 AA violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_21_AA},
            "resultTypes": ["violations"],
        },
    )
    assert results.violations_count == 0, results.generate_report()
