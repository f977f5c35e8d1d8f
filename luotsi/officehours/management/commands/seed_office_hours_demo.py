from luotsi.officehours.demo import seed_office_hours
from luotsi.web.demo_command import DemoCommand


class Command(DemoCommand):
    help = "Give every current demo officer weekly office hours and a profile (DEBUG only; once)."
    label = "Demo office hours"
    seed = seed_office_hours
