from luotsi.campaigns.demo import seed_campaigns
from luotsi.web.demo_command import DemoCommand


class Command(DemoCommand):
    help = "Fill a demo business register and a campaign in progress (DEBUG only; once)."
    label = "Demo campaigns"
    seed = seed_campaigns
