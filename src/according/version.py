"""The package's version, in one place: pyproject.toml reads it from here, and so do the
analysis version and the user agent."""

__version__ = "0.3.0"
