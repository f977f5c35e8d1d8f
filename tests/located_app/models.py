from django.db import models

from luotsi.areas.located import LocatedModel


class Landmark(LocatedModel):
    name = models.CharField(max_length=100)

    class Meta(LocatedModel.Meta):
        pass
