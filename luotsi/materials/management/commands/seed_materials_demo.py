from luotsi.materials.demo import seed_materials
from luotsi.web.demo_command import DemoCommand


class Command(DemoCommand):
    help = (
        "Make demo information materials for the demo events, campaign and case, with some "
        "districts well covered and some with gaps (DEBUG only; once)."
    )
    label = "Demo materials"
    seed = seed_materials
