"""Writes of participatory budgeting, one module per part of the cycle."""
