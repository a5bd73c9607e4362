"""Items follow the apps' objects: one receiver for every save and delete, which looks the
model up among the registered kinds (a set lookup for every other model). The item is
opened or closed once the app's transaction commits, from the object as it was committed
(its final reference, who decided), and never breaks the app's own request."""

from functools import partial

from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

from portal.console.kinds import kinds_for_model, watched_models
from portal.console.services import work_gone, work_sync


def sync_object(model: type[models.Model], pk) -> None:
    obj = model._default_manager.filter(pk=pk).first()
    for kind in kinds_for_model(model):
        if obj is None:
            work_gone(kind, pk)
        elif kind.applies(obj):
            work_sync(kind, obj)


def _saved(sender, instance, raw=False, **kwargs) -> None:
    if raw or sender not in watched_models():
        return
    transaction.on_commit(partial(sync_object, sender, instance.pk), robust=True)


def _deleted(sender, instance, **kwargs) -> None:
    if sender not in watched_models():
        return
    transaction.on_commit(partial(sync_object, sender, instance.pk), robust=True)


def connect() -> None:
    post_save.connect(_saved, dispatch_uid="console_work_saved")
    post_delete.connect(_deleted, dispatch_uid="console_work_deleted")
