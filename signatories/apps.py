from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignatoriesConfig(AppConfig):
    name = "signatories"
    verbose_name = _("Signatories")

    def ready(self):
        # Admin login lockouts: recorded for the admin, and each moderator's own networks
        # remembered (signatories/abuse/lockouts.py).
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in

        from signatories.abuse import lockout_signals

        user_locked_out.connect(lockout_signals.record_lockout, dispatch_uid="signon-lockout")
        user_logged_in.connect(lockout_signals.remember_network, dispatch_uid="signon-known")
