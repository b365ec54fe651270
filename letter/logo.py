"""The coalition's logo, from an upload to what every page shows: a PNG or JPEG of at most
LOGO_MAX_SIDE pixels a side, decoded and encoded again by us.

The size in bytes says little: a 48 KB PNG can claim 20000 × 20000 pixels, which every
visitor's browser would decode (hundreds of MB) on every page. The dimensions are read from
the header before anything is decoded. Encoding the pixels again keeps nothing the uploader's
file carried besides them: no EXIF (an author, the GPS position of a phone's photo), no text
chunks, no colour profile, no bytes after the image's end."""

import io
import warnings
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

LOGO_MAX_BYTES = 512 * 1024
LOGO_MAX_SIDE = 2000
# Raster images only: an SVG may carry a script.
LOGO_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
# What Pillow raises for a file that is not an image it can decode, or a broken one.
_UNREADABLE = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)


@dataclass(frozen=True)
class Logo:
    content: bytes
    content_type: str
    width: int
    height: int


def logo_from_upload(content: bytes) -> Logo:
    """The logo to store for the uploaded bytes; a ValidationError saying what to change
    for a file that is not a PNG or JPEG, or is larger than LOGO_MAX_SIDE either way."""
    try:
        with warnings.catch_warnings():
            # Our own limit is far below Pillow's: its warning would only repeat ours.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                kind, (width, height) = image.format, image.size
                if kind in LOGO_FORMATS and max(width, height) <= LOGO_MAX_SIDE:
                    return _encode_again(image, kind)
    except Image.DecompressionBombError:
        kind, width, height = "PNG", LOGO_MAX_SIDE + 1, LOGO_MAX_SIDE + 1
    except _UNREADABLE:
        kind = None
    if kind not in LOGO_FORMATS:
        raise forms.ValidationError(_("The logo must be a PNG or JPEG image."))
    raise forms.ValidationError(
        _("The logo must be at most %(max)s × %(max)s pixels; make it smaller and upload it again.")
        % {"max": LOGO_MAX_SIDE}
    )


def _encode_again(image, kind) -> Logo:
    image.load()  # decodes every pixel: a truncated or corrupt file fails here
    # A phone's photo is often stored sideways with an EXIF note to turn it: turn it now,
    # since the note goes.
    upright = ImageOps.exif_transpose(image)
    transparency = upright.info.get("transparency")
    upright.info = {} if transparency is None else {"transparency": transparency}
    out = io.BytesIO()
    options = {"quality": 90} if kind == "JPEG" else {"optimize": True}
    upright.save(out, format=kind, **options)
    return Logo(out.getvalue(), LOGO_FORMATS[kind], upright.width, upright.height)
