from django.conf import settings
from django.core.exceptions import BadRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the visitor chose another language (the language cookie); the browser's
    Accept-Language is ignored, so a government service never switches language by itself."""

    def process_request(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()


class RefuseNulBytesMiddleware:
    """No text a person types holds a NUL byte, and PostgreSQL refuses one in any text column: a query parameter
    or form field with one is a bad request (the Vietnamese 400 page), before any view or filter sees it.
    Uploaded files are not looked at (they are bytes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for data in (request.GET, request.POST) if request.method == "POST" else (request.GET,):
            for key, values in data.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    raise BadRequest("a NUL byte in the request's data")
        return self.get_response(request)
