"""Read settings from environment variables; a malformed value stops start-up naming the variable."""

import os
import re

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}
_PASSWORD = re.compile(r"(://[^/@:]*:)[^/@]*@")  # the password of scheme://user:password@host
_HOST = re.compile(r"^(\*|\.?[a-z0-9.-]+|\[[0-9a-f:]+\])(:\d+)?$", re.IGNORECASE)


def _fail(name: str, value: str, expected: str):
    raise ImproperlyConfigured(f"{name}={value!r} is not valid: expected {expected}.")


def get_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.strip().lower() in _TRUE:
        return True
    if raw.strip().lower() in _FALSE:
        return False
    _fail(name, raw, "true or false")


def get_int(name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        if maximum is not None:
            _fail(name, raw, f"a whole number from {minimum} to {maximum}")
        _fail(name, raw, "a whole number" if minimum is None else f"a whole number of at least {minimum}")
    return value


def get_str(name: str, default: str = "") -> str:
    return os.environ.get(name) or default


def get_hosts(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    hosts = [h.strip() for h in raw.split(",")]
    if not all(_HOST.match(h) for h in hosts):
        _fail(name, raw, "a comma-separated list of host names, e.g. kafaa.ma,www.kafaa.ma")
    return hosts


def get_database(name: str, default: str) -> dict:
    raw = os.environ.get(name) or default
    shown = _PASSWORD.sub(r"\1***@", raw)  # error messages end up in logs: never echo the password
    scheme = raw.split("://", 1)[0] if "://" in raw else ""
    if scheme not in {"sqlite", "postgres", "postgresql"}:
        _fail(name, shown, "sqlite:///PATH or postgres://USER@HOST:PORT/NAME")
    try:
        config = dj_database_url.parse(raw, conn_max_age=60 if scheme != "sqlite" else 0, conn_health_checks=True)
    except ValueError as error:
        _fail(name, shown, f"a database URL ({str(error).replace(raw, shown)})")
    if not config.get("NAME"):
        _fail(name, shown, "a URL that names the database")
    return config
