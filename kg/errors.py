"""The one exception type kg raises for problems a user can fix."""


class KgError(Exception):
    """A user-facing error; its message is one line that says what to do."""
