"""A visitor of the portal served by the fault tests' gunicorn: a browser's cookies, its
CSRF token and the sign-in form."""

import re

import requests


class Visitor:
    def __init__(self, base: str):
        self.base = base
        self.session = requests.Session()

    def get(self, path: str) -> requests.Response:
        return self.session.get(self.base + path, timeout=30, allow_redirects=False)

    def post(self, path: str, data: dict) -> requests.Response:
        """The form at `path` sent with the CSRF token its page gave."""
        page = self.session.get(self.base + path, timeout=30)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token, f"no form at {path} ({page.status_code})"
        return self.session.post(
            self.base + path,
            data={"csrfmiddlewaretoken": token.group(1), **data},
            timeout=30,
            allow_redirects=False,
        )

    def sign_in(self, email: str, password: str) -> requests.Response:
        return self.post("/fr/accounts/login/", {"login": email, "password": password})
