"""Project package: settings, URLs, WSGI/ASGI and helpers shared by every app."""
