"""The user's notifications page, marking read, opening one, and the header count."""

import pytest
from django.urls import include, path, reverse
from django.utils import timezone

from config import urls as project_urls
from samverka.accounts.tests.factories import UserFactory
from samverka.core.models import Notification


def _included(patterns) -> bool:
    return any(
        getattr(getattr(p, "urlconf_name", None), "__name__", "")
        == "samverka.core.urls_notifications"
        for p in patterns
    )


# The project's URLs, with the notification pages whether or not config/urls.py
# includes them yet.
urlpatterns = (
    list(project_urls.urlpatterns)
    if _included(project_urls.urlpatterns)
    else [
        path("", include("samverka.core.urls_notifications")),
        *project_urls.urlpatterns,
    ]
)
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture
def reader(db):
    return UserFactory(full_name="Nina Notisläsare", email="nina@example.org")


@pytest.fixture
def stranger(db):
    return UserFactory(full_name="Sven Främling", email="sven@example.org")


def make(user, subject, url="/me/", read=False, text="The text.", region=None):
    return Notification.objects.create(
        recipient=user,
        region=region,
        kind="test",
        subject=subject,
        text=text,
        url=url,
        read_at=timezone.now() if read else None,
    )


def list_url():
    return reverse("core:notifications")


def test_the_list_shows_only_the_users_own_newest_first(client_en, reader, stranger):
    make(reader, "Older message")
    newer = make(reader, "Newer message", text="Line one\nLine two")
    make(reader, "Read message", read=True)
    make(stranger, "Someone else's secret")

    response = client_en(reader).get(list_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else&#x27;s secret" not in html
    assert "Someone else's secret" not in html
    assert html.index("Read message") < html.index("Newer message")
    assert html.index("Newer message") < html.index("Older message")
    # Unread ones say so in words, not only in bold; the read one does not.
    assert html.count(">New</span>") == 2
    read_item = html[html.index("Read message") - 300 : html.index("Read message")]
    assert ">New</span>" not in read_item
    # The text is folded away, the link goes through the opening view.
    assert "<details>" in html
    assert "Line one<br>Line two" in html
    assert reverse("core:notification_open", args=[newer.pk]) in html
    assert "You have 2 unread notifications." in html


def test_the_list_is_paginated_by_fifty(client_en, reader):
    Notification.objects.bulk_create(
        Notification(recipient=reader, kind="test", subject=f"Message {n}", url="/")
        for n in range(55)
    )
    client = client_en(reader)
    first = client.get(list_url()).content.decode()
    assert first.count('<li class="notification') == 50
    assert "Page 1 of 2" in first
    second = client.get(list_url(), {"page": 2}).content.decode()
    assert second.count('<li class="notification') == 5


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(list_url())
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_mark_all_as_read_marks_only_the_users_own(client_en, reader, stranger):
    mine = [make(reader, "One"), make(reader, "Two")]
    theirs = make(stranger, "Theirs")
    client = client_en(reader)

    assert client.get(reverse("core:notifications_mark_read")).status_code == 405
    response = client.post(reverse("core:notifications_mark_read"), follow=True)
    assert response.status_code == 200
    assert "2 notifications marked as read." in response.content.decode()
    for notification in mine:
        notification.refresh_from_db()
        assert notification.read_at is not None
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert ">New</span>" not in response.content.decode()


def test_opening_marks_read_and_follows_a_link_within_the_site(
    client_en, reader, stranger
):
    notification = make(reader, "Assess this", url="/staff/vasternorrland/")
    other = make(reader, "Still unread")
    response = client_en(reader).get(
        reverse("core:notification_open", args=[notification.pk])
    )
    assert response.status_code == 302
    assert response["Location"] == "/staff/vasternorrland/"
    notification.refresh_from_db()
    other.refresh_from_db()
    assert notification.read_at is not None
    assert other.read_at is None


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example.com/phish",
        "//evil.example.com/phish",
        "/\\evil.example.com",
        "javascript:alert(1)",
        "",
    ],
)
def test_opening_never_follows_a_link_off_the_site(client_en, reader, url):
    notification = make(reader, "Suspicious", url=url)
    response = client_en(reader).get(
        reverse("core:notification_open", args=[notification.pk])
    )
    assert response.status_code == 302
    assert response["Location"] == list_url()
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_someone_elses_notification_is_a_404(client_en, reader, stranger):
    theirs = make(stranger, "Theirs", url="/me/")
    response = client_en(reader).get(
        reverse("core:notification_open", args=[theirs.pk])
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_header_shows_the_unread_count(client_en, reader, stranger):
    make(reader, "One")
    make(stranger, "Not counted")
    make(reader, "Two")
    make(reader, "Three")
    make(reader, "Read", read=True)
    client = client_en(reader)
    html = client.get(reverse("accounts:home") + "?all=1").content.decode()
    assert 'aria-label="Notifications, 3 unread"' in html
    assert "Notifications (3)</a>" in html
    assert f'href="{list_url()}"' in html

    client.post(reverse("core:notifications_mark_read"))
    html = client.get(reverse("accounts:home") + "?all=1").content.decode()
    assert "Notifications</a>" in html
    assert 'aria-label="Notifications,' not in html


def test_the_header_has_no_notifications_link_for_anonymous_users(client_en):
    html = client_en().get(reverse("accounts:login")).content.decode()
    assert list_url() not in html


def test_query_count_does_not_grow_with_the_rows(
    client_en, reader, django_assert_max_num_queries, region
):
    client = client_en(reader)
    for n in range(2):
        make(reader, f"Message {n}", region=region)
    with django_assert_max_num_queries(100) as few:
        client.get(list_url())
    for n in range(8):
        make(reader, f"More {n}", region=region, read=n % 2 == 0)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(list_url())
    assert response.content.decode().count('<li class="notification') == 10


def test_subjects_and_texts_are_escaped(client_en, reader):
    make(reader, "<script>alert(1)</script>", text="<b>bold</b> see /me/")
    html = client_en(reader).get(list_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
