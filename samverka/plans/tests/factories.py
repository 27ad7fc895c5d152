import factory

from samverka.core.tests.factories import RegionFactory
from samverka.plans.choices import PlanStatus, Theme
from samverka.plans.models import ActionPlan, Activity


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    region = factory.SubFactory(RegionFactory)
    title = factory.Sequence(lambda n: f"Handlingsplan {n}")
    theme = Theme.INNOVATION
    start_year = 2016
    end_year = 2020
    status = PlanStatus.DRAFT

    class Params:
        adopted = factory.Trait(
            status=PlanStatus.ADOPTED, adopted_on=factory.Faker("date_object")
        )


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    action_plan = factory.SubFactory(ActionPlanFactory)
    title = factory.Sequence(lambda n: f"Aktivitet {n}")
    description = "En aktivitet i handlingsplanen."
    order = factory.Sequence(lambda n: n)
