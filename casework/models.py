"""Django loads an app's models from here: the registries' and the plans' models, re-exported
(casework/registry/models.py, casework/plans/models.py)."""

from casework.plans.models import (
    CloseReason,
    ClosureRequest,
    ObjectiveType,
    PlanGoal,
    PlanObjective,
    PlanSubGoal,
    ServicePlan,
)
from casework.registry.models import (
    SERVICE,
    Client,
    ClientAccess,
    ClientProvider,
    Consent,
    DuplicateSuspicion,
    EducationEntry,
    Employer,
    EmployerYearForm,
    EmploymentEntry,
    IncomeSource,
    NoticeVersion,
    Provider,
    ServicePoint,
)

__all__ = [
    "SERVICE",
    "Client",
    "ClientAccess",
    "ClientProvider",
    "CloseReason",
    "ClosureRequest",
    "Consent",
    "DuplicateSuspicion",
    "EducationEntry",
    "Employer",
    "EmployerYearForm",
    "EmploymentEntry",
    "IncomeSource",
    "NoticeVersion",
    "ObjectiveType",
    "PlanGoal",
    "PlanObjective",
    "PlanSubGoal",
    "Provider",
    "ServicePlan",
    "ServicePoint",
]
