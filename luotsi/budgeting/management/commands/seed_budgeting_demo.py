from luotsi.budgeting.demo import seed_budgeting
from luotsi.web.demo_command import DemoCommand


class Command(DemoCommand):
    help = (
        "Make demo participatory budgeting: a past cycle with ballots, results and "
        "co-production under way, and the current cycle in its proposals phase (DEBUG only; "
        "once)."
    )
    label = "Demo participatory budgeting"
    seed = seed_budgeting
