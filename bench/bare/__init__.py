"""The yardstick: a bare Django sign-on that the project's sign-on POST is measured against.

What `django-admin startproject` gives (default apps minus the admin, default middleware),
plus one form, one table and one Redis list: the least work a sign-on can do on this stack.
Run by bench/run.py with the same gunicorn configuration, PostgreSQL and Redis as the
project; never imported by the project."""
