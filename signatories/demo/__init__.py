"""Demo data for trying the site: plausible organizations signing through the same services
as real signers (generate.py), from word lists per country (words.py). Nothing here is
emailed. It may use everything below the entry points; nothing but the demo_signatures
command imports it."""
