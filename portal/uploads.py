"""Every image an editor uploads through a model's ImageField (covers, banners, album photos,
posters, portraits) is re-encoded like the CKEditor upload: no EXIF (GPS, camera), no payload
riding along, and a random file name instead of the uploader's."""

import uuid

from django.core.files.base import ContentFile
from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver

from news.images import open_checked_image, reencode


def cleaned_image(upload):
    data, extension = reencode(open_checked_image(upload))
    return ContentFile(data, name=f"{uuid.uuid4().hex}.{extension}")


@receiver(pre_save)
def reencode_new_images(sender, instance, raw=False, **kwargs):
    if raw:  # fixtures and restores carry files already stored
        return
    for field in sender._meta.concrete_fields:
        if not isinstance(field, models.ImageField):
            continue
        current = getattr(instance, field.attname)
        if current and not current._committed:
            setattr(instance, field.attname, cleaned_image(current.file))
