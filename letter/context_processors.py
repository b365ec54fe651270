from django.utils.functional import SimpleLazyObject

from .coalition import coalition_identity
from .page_language import language_links, path_without_language


def coalition(request):
    """`coalition`: who runs the site, for the header and footer; read only if shown."""
    return {"coalition": SimpleLazyObject(coalition_identity)}


def page_language_links(request):
    """`language_links`: the page's canonical address and its versions in each language, for
    the head; `language_switcher_next`: the page without `lang` (see letter/page_language.py)."""
    return {
        "language_links": SimpleLazyObject(lambda: language_links(request)),
        "language_switcher_next": SimpleLazyObject(lambda: path_without_language(request)),
    }
