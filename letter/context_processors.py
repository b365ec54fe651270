from django.utils.functional import SimpleLazyObject

from .coalition import coalition_identity


def coalition(request):
    """`coalition`: who runs the site, for the header and footer; read only if shown."""
    return {"coalition": SimpleLazyObject(coalition_identity)}
