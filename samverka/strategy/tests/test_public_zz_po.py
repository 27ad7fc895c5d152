from samverka.strategy.tests.test_public_views import *  # noqa

def test_po(region, rus, tourism_goal, settings):
    settings.LOCALE_PATHS = ["/tmp/publoc"]
    add_indicator(tourism_goal, name="Gästnätter", values={2022: 52})
    for lang in ("sv", "da"):
        for url in [reverse("strategy:public_detail", args=[region.slug, rus.pk]), reverse("strategy:public_goal", args=[region.slug, rus.pk, tourism_goal.pk]), reverse("strategy:status_rule", args=[region.slug]), reverse("strategy:public_short", args=[region.slug, rus.pk])]:
            t = client_in(lang).get(url).text
            import re
            main = re.sub(r"<[^>]+>", " ", t[t.index("<main"):t.index("</main>")])
            print(lang, url, " ".join(main.split())[:700])
