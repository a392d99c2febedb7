from django.dispatch import Signal

# A wrong second-factor code (the audit trail records it).
second_factor_failed = Signal()
# A second factor proved (a code from the app or a backup code).
second_factor_passed = Signal()
