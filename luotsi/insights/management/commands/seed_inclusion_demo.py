from luotsi.insights.demo import seed_inclusion
from luotsi.web.demo_command import DemoCommand


class Command(DemoCommand):
    help = (
        "Add well-attended past demo events in a few districts so the inclusion pages show "
        "clear gaps; run after seed_events_demo and before refresh_participation "
        "(DEBUG only; does nothing when they exist already)."
    )
    label = "Demo participation"
    seed = seed_inclusion
