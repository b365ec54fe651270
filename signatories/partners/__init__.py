"""Partner organizations and what they bring: the signatures credited to each (through its
link, `?via=<code>`, or the sign-on form embedded on its website), the embeddable form and
the rules for framing and posting it without cookies (embed.py), the counts by partner the
report, the count widget and a partner's own read-only page show (selectors.py), and those
pages (views.py). It may use the forms, the sign-on lifecycle, abuse resistance and the
models; the public face and moderation read it."""
