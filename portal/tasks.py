import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="portal.tasks.remove_expired_captchas")
def remove_expired_captchas():
    """Captcha challenges readers fetched but never answered."""
    from captcha.models import CaptchaStore

    CaptchaStore.remove_expired()


@shared_task(name="portal.tasks.nightly_backup")
def nightly_backup():
    """The database and both media folders into BACKUP_DIR, keeping the newest BACKUP_KEEP."""
    from portal.backup import create_backup

    return str(create_backup())


@shared_task(name="portal.tasks.purge_trash")
def purge_trash():
    """Articles and documents in the trash longer than TRASH_DAYS are deleted for good."""
    from core.trash import purge_trash as purge

    return purge()


@shared_task(name="portal.tasks.purge_personal_data")
def purge_personal_data():
    """Readers' personal data past its retention period (portal.privacy)."""
    from portal.privacy import purge_personal_data as purge

    done = purge()
    logger.info("Personal data anonymised: %s", done)
    return done
