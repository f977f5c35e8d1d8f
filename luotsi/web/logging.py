"""A JSON log formatter (LOG_FORMAT=json): one object a line, for log collectors.

Standard library only, so logging works before anything else is importable.
"""

import datetime
import json
import logging
from typing import Any

# The attributes every LogRecord has; anything else on a record came from `extra=` and is kept.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry:
                entry[key] = value
        # default=str: extras such as a request object or a UUID are written as text rather
        # than failing the log call.
        return json.dumps(entry, default=str, ensure_ascii=False)
