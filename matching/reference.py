"""Matching's reference lists (regions, water-operator certificate types and classes) from the
shared cache: the search form, its results and the availability form need them on every page,
and reading them took up to five queries a request (issue 19).

They change only by a data migration or in the admin (credential types with their classes
inline; regions have no admin). Both paths drop the cached copy:
- the admin saves and deletes one object at a time (a bulk delete too, through the deletion
  collector), so `post_save`/`post_delete` of the three models delete the key;
- a data migration writes through historical models, which send no signal for these
  classes: `post_migrate` deletes the key after every `migrate`.
A `QuerySet.update()` in a shell sends no signal: the copy expires after an hour anyway.
The copy lives in the shared cache (not in process memory) so every worker sees a deletion.
"""

import uuid
from dataclasses import dataclass, field

from django.core.cache import cache

from credentials.models import CredentialClass, CredentialType
from matching.models import Region
from portal.lib.request_memo import remembered

CACHE_KEY = "matching:reference:2"
CACHE_SECONDS = 3600


@dataclass
class Reference:
    regions: list[Region]
    water_types: list[CredentialType]  # active water-operator types, in their order
    water_classes: list[CredentialClass]  # their classes, each with its `type` attached
    version: str = field(default_factory=lambda: uuid.uuid4().hex)  # new at each read
    region_by_id: dict[int, Region] = field(init=False, repr=False)
    type_by_id: dict[int, CredentialType] = field(init=False, repr=False)
    class_by_id: dict[int, CredentialClass] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.region_by_id = {region.pk: region for region in self.regions}
        self.type_by_id = {type_.pk: type_ for type_ in self.water_types}
        self.class_by_id = {class_.pk: class_ for class_ in self.water_classes}


def _load() -> Reference:
    types = list(
        CredentialType.objects.filter(family=CredentialType.Family.WATER_OPERATOR, active=True)
    )
    by_id = {type_.pk: type_ for type_ in types}
    classes = list(CredentialClass.objects.filter(type_id__in=by_id))
    for class_ in classes:
        class_.type = by_id[class_.type_id]
    return Reference(list(Region.objects.all()), types, classes)


def _cached() -> Reference:
    found = cache.get(CACHE_KEY)
    if found is None:
        found = _load()
        cache.set(CACHE_KEY, found, CACHE_SECONDS)
    return found


def reference() -> Reference:
    """The lists, read once a request (copies: a caller may change its objects freely)."""
    return remembered(CACHE_KEY, _cached)


def forget(**kwargs) -> None:
    cache.delete(CACHE_KEY)


def connect_invalidation() -> None:
    """Called by the app's ready()."""
    from django.db.models.signals import post_delete, post_migrate, post_save

    for model in (Region, CredentialType, CredentialClass):
        for signal in (post_save, post_delete):
            signal.connect(
                forget, sender=model, weak=False, dispatch_uid=f"matching-ref-{id(signal)}-{model}"
            )
    post_migrate.connect(forget, weak=False, dispatch_uid="matching-ref-migrate")
