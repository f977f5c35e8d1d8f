from luotsi.concerns.demo import seed_cases, seed_messages
from luotsi.web.demo_command import DemoCommand


def seed_concerns() -> dict[str, int]:
    counts = seed_messages()
    cases = seed_cases()
    if cases:
        counts["conflict cases"] = cases
    return counts


class Command(DemoCommand):
    help = "Fill demo residents' messages and conflict cases (DEBUG only; once)."
    label = "Demo concerns"
    seed = seed_concerns
