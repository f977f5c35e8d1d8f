"""Views of participatory budgeting, one module per resource."""
