"""A WSGI app that answers with what gunicorn made of a request's forwarding headers, for
tests/config/test_proxies.py."""


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [f"{environ['wsgi.url_scheme']} {environ.get('SCRIPT_NAME', '')!r}".encode()]
