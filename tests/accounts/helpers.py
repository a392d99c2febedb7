from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_device(user):
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực")


def current_token(device_or_key):
    """The code an authenticator app shows now, for a device or a raw key (bytes)."""
    key = getattr(device_or_key, "bin_key", device_or_key)
    return f"{TOTP(key).token():06d}"


def verify_session(client, user):
    """Mark a test client's session as having passed the second factor."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
    session.save()
