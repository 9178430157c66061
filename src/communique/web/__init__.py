"""The web app and HTTP API over the store (``communique serve``)."""

from communique.web.app import create_app

__all__ = ["create_app"]
