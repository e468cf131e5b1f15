"""The project's own failures: what a user can fix, said in one French line.

Content problems are `problems.ContentError` (every problem of every file, with its line). The
rest — a broken vocabulary file, missing front-end packages, a template error — is a
`ProjectError`: every command prints its message and exits with code 2, never with a traceback.
"""

from __future__ import annotations


class ProjectError(Exception):
    """A failure of the project's own files or installation, with a French message."""
