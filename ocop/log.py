"""Logging helpers: a refused request is one line; a server error keeps its traceback."""

import logging


class OneLineClientErrors(logging.Formatter):
    """A 4xx response (403 refused, 404 not found, 400 bad request) is the application doing its job: Django
    logs it with the exception that produced it, but a traceback there is noise. Server errors keep theirs."""

    def format(self, record):
        status = getattr(record, "status_code", None)
        if record.exc_info and isinstance(status, int) and 400 <= status < 500:
            record = logging.makeLogRecord(record.__dict__)  # a copy: the record itself is left as it came
            record.exc_info = record.exc_text = record.stack_info = None
        return super().format(record)
