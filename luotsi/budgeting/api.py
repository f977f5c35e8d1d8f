"""Public read API of participatory budgeting: cycles, plans on the ballot and results."""

from ninja import Router

router = Router(tags=["participatory budgeting"])
