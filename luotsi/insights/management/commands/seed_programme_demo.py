from luotsi.insights.demo_programme import seed_programme
from luotsi.web.demo_command import DemoCommand


class Command(DemoCommand):
    help = (
        "Add demo programme costs for last year and this year and a work plan for every demo "
        "officer (DEBUG only; does nothing when they exist already)."
    )
    label = "Demo programme costs and work plans"
    seed = seed_programme
