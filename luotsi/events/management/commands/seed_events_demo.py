from luotsi.events.demo import seed_events
from luotsi.web.demo_command import DemoCommand


class Command(DemoCommand):
    help = (
        "Fill demo events, registrations, costs and budgets after seed_demo and "
        "seed_network_demo (DEBUG only; does nothing when they exist already)."
    )
    label = "Demo events"
    seed = seed_events
