from luotsi.opportunities.demo import seed_opportunities
from luotsi.web.demo_command import DemoCommand


class Command(DemoCommand):
    help = "Fill a month of demo ways to take part in every district (DEBUG only; once)."
    label = "Demo ways to take part"
    seed = seed_opportunities
