import datetime

import factory

from samverka.actors.tests.factories import OrganisationFactory
from samverka.applications.choices import ApplicationStatus
from samverka.applications.models import Application, BudgetLine, FinancingLine
from samverka.funding.tests.factories import CallFactory


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application
        skip_postgeneration_save = True

    call = factory.SubFactory(CallFactory)
    organisation = factory.SubFactory(
        OrganisationFactory, region=factory.SelfAttribute("..call.region")
    )
    fund = factory.LazyAttribute(lambda o: o.call.funds.first())
    title = factory.Sequence(lambda n: f"Projekt {n}")
    summary = "Ett projekt som stärker regionens näringsliv."
    contact_name = "Sara Sökande"
    contact_email = "sara@example.org"
    start_date = datetime.date(2027, 1, 1)
    end_date = datetime.date(2028, 12, 31)
    amount_requested = 500_000_00
    status = ApplicationStatus.DRAFT


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    application = factory.SubFactory(ApplicationFactory)
    category = "staff"
    year = 2027
    amount = 500_000_00


class FinancingLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinancingLine

    application = factory.SubFactory(ApplicationFactory)
    funder = "Sundsvalls kommun"
    amount = 500_000_00
