"""The decisions tests use the assessment fixtures."""

from samverka.assessments.tests.conftest import (  # noqa: F401  (fixtures)
    applicant,
    applicant_org,
    appropriation,
    assessor,
    call,
    complete,
    criteria,
    decision_maker,
    draft,
    fund,
    in_assessment,
    second_assessor,
    submitted,
)
