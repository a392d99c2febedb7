from django.db import models


class ProtectedCountersMixin(models.Model):
    """A model whose counter fields only the counter flush (or F() updates) may write.

    An admin save loads the object, edits it and saves every field; with a stale
    counter in memory that would erase the counts flushed meanwhile. So an update
    through ``save()`` writes every field except those in ``counter_fields``.
    """

    counter_fields = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in self.counter_fields
            ]
        super().save(*args, **kwargs)
