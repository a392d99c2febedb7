from celery import shared_task


@shared_task(name="portal.tasks.remove_expired_captchas")
def remove_expired_captchas():
    """Captcha challenges readers fetched but never answered."""
    from captcha.models import CaptchaStore

    CaptchaStore.remove_expired()
