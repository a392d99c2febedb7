"""What the demo content of every app draws with (`make run`'s seed_demo)."""

from PIL import ImageFont


def demo_font(size):
    """A font that draws Vietnamese: Debian's Noto or DejaVu when present."""
    for path in (
        "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)
