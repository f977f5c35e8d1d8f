"""Template helpers of participatory budgeting."""
